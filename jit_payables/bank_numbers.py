# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Checks of bank identifiers that need no database: ABA routing numbers,
IBANs and BICs. Each returns the cleaned value or raises ValueError with a
short reason; callers turn the reason into a translated message."""

import re

ABA_WEIGHTS = (3, 7, 1, 3, 7, 1, 3, 7, 1)
BIC_PATTERN = re.compile(r"^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")
IBAN_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")


def clean_routing_number(value):
    """Return the 9-digit routing number as text, leading zeros kept."""
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise ValueError("a routing number has exactly 9 digits")
    total = sum(
        int(digit) * weight for digit, weight in zip(digits, ABA_WEIGHTS, strict=True)
    )
    if total % 10:
        raise ValueError("the check digit (9th digit) does not match")
    return digits


def looks_like_iban(value):
    """True when the number has the shape of an IBAN (country, 2 digits, rest)."""
    return bool(IBAN_SHAPE.match(re.sub(r"\s", "", value or "").upper()))


def clean_iban(value):
    """Return the IBAN without spaces, upper case, after the mod-97 check."""
    iban = re.sub(r"\s", "", value or "").upper()
    if not IBAN_SHAPE.match(iban):
        raise ValueError("an IBAN starts with a country code and two check digits")
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    if int(number) % 97 != 1:
        raise ValueError("the check digits do not match (mod-97)")
    return iban


def clean_bic(value):
    """Return the BIC upper case after the format check (8 or 11 characters)."""
    bic = re.sub(r"\s", "", value or "").upper()
    if not BIC_PATTERN.match(bic):
        raise ValueError(
            "a BIC has 4 bank letters, a 2-letter country, 2 location characters "
            "and an optional 3-character branch"
        )
    return bic
