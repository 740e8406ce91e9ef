"""Reference totals for a CSV file from Python's csv module (an independent parser).

Prints `records=N fields=N bytes=N` like `csvbench pass`: data records (header excluded,
blank lines skipped), fields, and the UTF-8 bytes of all fields.
"""
import csv
import sys

records = fields = size = 0
with open(sys.argv[1], newline="", encoding="utf-8-sig") as handle:
    reader = csv.reader(handle)
    next(reader, None)
    for row in reader:
        if not row:
            continue
        records += 1
        fields += len(row)
        size += sum(len(field.encode("utf-8")) for field in row)
print(f"records={records} fields={fields} bytes={size}")
