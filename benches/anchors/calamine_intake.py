"""Anchor for the intake benchmark: the same as openpyxl_intake.py with python-calamine
(Rust's calamine behind Python): every cell of every sheet into SQLite, one transaction.
Not a test and not needed by Daftar; see README.md.

    python3 calamine_intake.py OUT.sqlite FILE.xlsx...
"""
import sqlite3
import sys
import time

from python_calamine import CalamineWorkbook


def main():
    out, files = sys.argv[1], sys.argv[2:]
    start = time.perf_counter()
    db = sqlite3.connect(out)
    db.execute("CREATE TABLE cell (file TEXT, sheet TEXT, row INTEGER, col INTEGER, value)")
    with db:
        for path in files:
            book = CalamineWorkbook.from_path(path)
            for name in book.sheet_names:
                for r, row in enumerate(book.get_sheet_by_name(name).to_python()):
                    db.executemany(
                        "INSERT INTO cell VALUES (?, ?, ?, ?, ?)",
                        [(path, name, r, c, v) for c, v in enumerate(row) if v != ""],
                    )
    db.close()
    print(f"{time.perf_counter() - start:.6f}")


if __name__ == "__main__":
    main()
