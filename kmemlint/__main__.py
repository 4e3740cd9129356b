from kmemlint.cli import run

run()
