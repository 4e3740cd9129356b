import sys
from pathlib import Path

# the harness helpers live next to the tests
sys.path.insert(0, str(Path(__file__).resolve().parent))
