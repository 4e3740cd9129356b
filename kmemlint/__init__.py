"""kmemlint: finds memory-allocation bugs in Linux kernel C source without building the kernel."""

__version__ = "0.1.0"
