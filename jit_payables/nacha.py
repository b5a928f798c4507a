# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Build a NACHA (US ACH) file of CCD credits, each with one addenda record.

Pure functions on plain values so that the layout can be read and tested
without a database. Record layouts (94 characters each):

1 file header, 5 batch header, 6 entry detail, 7 addenda, 8 batch control,
9 file control; the file is padded with lines of nines to a multiple of 10
records (the blocking factor).
"""

import datetime
import math
import unicodedata

RECORD_LENGTH = 94
BLOCKING_FACTOR = 10
CHECKING_CREDIT = "22"
SERVICE_CLASS_CREDITS = "220"


def next_business_day(day):
    """Saturday and Sunday move to the following Monday; other days stay."""
    if day.weekday() >= 5:
        return day + datetime.timedelta(days=7 - day.weekday())
    return day


def alpha(value, length):
    """Left-justified, upper-case ASCII text cut or padded to length."""
    text = unicodedata.normalize("NFKD", str(value or ""))
    text = text.encode("ascii", "ignore").decode().upper()
    text = "".join(char if 32 <= ord(char) < 127 else " " for char in text)
    return text[:length].ljust(length)


def numeric(value, length):
    """Right-justified, zero-filled number; refuses to cut a number short."""
    text = str(int(value))
    if len(text) > length:
        raise ValueError(f"{value} does not fit in {length} digits")
    return text.zfill(length)


def to_cents(amount):
    """19.99 -> 1999, rounding half up on the third decimal."""
    return int((abs(amount) * 100) + 0.5) * (1 if amount >= 0 else -1)


def entry_hash(routing_numbers):
    """Sum of the 8-digit bank identifications, kept to its last 10 digits."""
    total = sum(int(routing[:8]) for routing in routing_numbers)
    return total % 10**10


def build_file(header, entries, created_at):
    """Return the file text (records joined by CRLF) and its totals.

    header: dict with origin_routing (our bank, 9 digits), origin_bank_name,
    company_name, company_identification (10), company_tax_id (10 for the
    immediate origin), entry_description, effective_date, batch_number,
    file_id_modifier.
    entries: list of dicts with routing, account_number, amount (currency
    units), identification, name, addenda.
    """
    odfi = header["origin_routing"][:8]
    batch_number = header.get("batch_number", 1)
    records = [
        "1"
        + "01"
        + " "
        + header["origin_routing"]
        + alpha(header["company_tax_id"], 10).strip().rjust(10)
        + created_at.strftime("%y%m%d")
        + created_at.strftime("%H%M")
        + alpha(header.get("file_id_modifier") or "A", 1)
        + "094"
        + "10"
        + "1"
        + alpha(header["origin_bank_name"], 23)
        + alpha(header["company_name"], 23)
        + alpha(header.get("reference"), 8),
        "5"
        + SERVICE_CLASS_CREDITS
        + alpha(header["company_name"], 16)
        + alpha("", 20)
        + alpha(header["company_identification"], 10)
        + "CCD"
        + alpha(header.get("entry_description") or "PAYMENT", 10)
        + header["effective_date"].strftime("%y%m%d")
        + header["effective_date"].strftime("%y%m%d")
        + "   "
        + "1"
        + odfi
        + numeric(batch_number, 7),
    ]
    total_cents = 0
    for sequence, entry in enumerate(entries, start=1):
        cents = to_cents(entry["amount"])
        total_cents += cents
        trace = odfi + numeric(sequence, 7)
        records.append(
            "6"
            + CHECKING_CREDIT
            + entry["routing"][:8]
            + entry["routing"][8]
            + alpha(entry["account_number"], 17)
            + numeric(cents, 10)
            + alpha(entry["identification"], 15)
            + alpha(entry["name"], 22)
            + "  "
            + "1"
            + trace
        )
        records.append(
            "7" + "05" + alpha(entry["addenda"], 80) + "0001" + numeric(sequence, 7)
        )
    entry_addenda_count = 2 * len(entries)
    hash_value = entry_hash([entry["routing"] for entry in entries])
    records.append(
        "8"
        + SERVICE_CLASS_CREDITS
        + numeric(entry_addenda_count, 6)
        + numeric(hash_value, 10)
        + numeric(0, 12)
        + numeric(total_cents, 12)
        + alpha(header["company_identification"], 10)
        + " " * 19
        + " " * 6
        + odfi
        + numeric(batch_number, 7)
    )
    block_count = math.ceil((len(records) + 1) / BLOCKING_FACTOR)
    records.append(
        "9"
        + numeric(1, 6)
        + numeric(block_count, 6)
        + numeric(entry_addenda_count, 8)
        + numeric(hash_value, 10)
        + numeric(0, 12)
        + numeric(total_cents, 12)
        + " " * 39
    )
    while len(records) % BLOCKING_FACTOR:
        records.append("9" * RECORD_LENGTH)
    for record in records:
        if len(record) != RECORD_LENGTH:
            raise ValueError(f"record of {len(record)} characters: {record!r}")
    totals = {
        "entry_count": len(entries),
        "entry_hash": hash_value,
        "total_credit_cents": total_cents,
        "block_count": block_count,
    }
    return "\r\n".join(records) + "\r\n", totals
