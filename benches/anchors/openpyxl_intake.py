"""Anchor for the intake benchmark: what a peer would write with openpyxl.

Reads every cell of every sheet of the given workbooks into a fresh SQLite file, in one
transaction, and prints the seconds it took (reading and storing, without Python's start).
Not a test and not needed by Daftar; see README.md.

    python3 openpyxl_intake.py OUT.sqlite FILE.xlsx...
"""
import sqlite3
import sys
import time

import openpyxl


def main():
    out, files = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    db = sqlite3.connect(out)
    db.execute("CREATE TABLE cell (file TEXT, sheet TEXT, row INTEGER, col INTEGER, value)")
    with db:
        for path in files:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
            for sheet in book.worksheets:
                for r, row in enumerate(sheet.iter_rows(values_only=True)):
                    db.executemany(
                        "INSERT INTO cell VALUES (?, ?, ?, ?, ?)",
                        [(path, sheet.title, r, c, v) for c, v in enumerate(row) if v is not None],
                    )
            book.close()
    db.close()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
