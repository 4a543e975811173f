"""Throughput benchmark of issue 5; the same as ``pledge bench`` (see ``pipeline/bench.py``).

    python bench/throughput.py                       # 2,000 documents, 1x and 10x, all cores
    python bench/throughput.py --docs 50 --sizes 1,2 --baseline-docs 2   # quick (CI)
"""

import sys

from pipeline.cli import main

if __name__ == "__main__":  # the benchmark starts processes that import this file again
    main(["bench", *sys.argv[1:]], prog_name="bench/throughput.py")
