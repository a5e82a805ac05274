#!/usr/bin/env python3
"""Run reportkit from a checkout without installing it: python cli.py parse FILE"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from reportkit.cli import main  # noqa: E402

if __name__ == "__main__":
    main()
