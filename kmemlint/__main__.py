from kmemlint.cli import main

main()
