# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Build a SEPA credit transfer initiation (pain.001.001.09) with lxml and
validate it against the XSD shipped in data/ (see docs/jit_payables.md for
where the schema comes from)."""

import os
import re
import unicodedata

from lxml import etree

NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"
XSD_PATH = os.path.join(os.path.dirname(__file__), "data", "pain.001.001.09.xsd")
# The Latin subset every SEPA bank accepts (EPC guidance on character sets).
SEPA_ALLOWED = re.compile(r"[^A-Za-z0-9/\-?:().,'+ ]")
REPLACEMENTS = {"&": "+", "_": "-", "@": "(at)", "\n": " ", "\t": " "}

_schema = None


def schema():
    """The compiled XSD, parsed once per process."""
    global _schema
    if _schema is None:
        _schema = etree.XMLSchema(etree.parse(XSD_PATH))
    return _schema


def sepa_text(value, length):
    """Text in the SEPA character set, cut to length, None when empty.

    Accents are removed (é -> e), '&' becomes '+', any other character
    outside the set becomes a space; spaces are collapsed.
    """
    text = str(value or "")
    for old, new in REPLACEMENTS.items():
        text = text.replace(old, new)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = SEPA_ALLOWED.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:length].strip() or None


def _add(parent, tag, text=None, **attributes):
    element = etree.SubElement(parent, f"{{{NAMESPACE}}}{tag}", **attributes)
    if text is not None:
        element.text = text
    return element


def _add_address(parent, tag, address):
    """Structured postal address; skipped when nothing is known."""
    parts = [
        ("StrtNm", sepa_text(address.get("street"), 70)),
        ("BldgNb", sepa_text(address.get("building"), 16)),
        ("PstCd", sepa_text(address.get("zip"), 16)),
        ("TwnNm", sepa_text(address.get("city"), 35)),
        ("Ctry", (address.get("country") or "").upper() or None),
    ]
    parts = [(name, value) for name, value in parts if value]
    if not parts:
        return
    node = _add(parent, tag)
    for name, value in parts:
        _add(node, name, value)


def amount_text(amount):
    return f"{amount:.2f}"


def build_document(header, transfers):
    """Return the validated XML bytes.

    header: msg_id, created_at (datetime), execution_date (date),
    debtor_name, debtor_address (dict), debtor_iban, debtor_bic.
    transfers: list of dicts with end_to_end_id, amount, currency,
    creditor_name, creditor_address, creditor_iban, creditor_bic (optional),
    remittance.
    Raises ValueError listing the schema errors when the file is not valid.
    """
    control_sum = sum(round(transfer["amount"], 2) for transfer in transfers)
    count = str(len(transfers))
    root = etree.Element(f"{{{NAMESPACE}}}Document", nsmap={None: NAMESPACE})
    initiation = _add(root, "CstmrCdtTrfInitn")

    group = _add(initiation, "GrpHdr")
    _add(group, "MsgId", sepa_text(header["msg_id"], 35))
    _add(group, "CreDtTm", header["created_at"].strftime("%Y-%m-%dT%H:%M:%S"))
    _add(group, "NbOfTxs", count)
    _add(group, "CtrlSum", amount_text(control_sum))
    _add(_add(group, "InitgPty"), "Nm", sepa_text(header["debtor_name"], 70))

    payment = _add(initiation, "PmtInf")
    _add(payment, "PmtInfId", sepa_text(header["msg_id"], 35))
    _add(payment, "PmtMtd", "TRF")
    _add(payment, "BtchBookg", "true")
    _add(payment, "NbOfTxs", count)
    _add(payment, "CtrlSum", amount_text(control_sum))
    _add(_add(_add(payment, "PmtTpInf"), "SvcLvl"), "Cd", "SEPA")
    _add(_add(payment, "ReqdExctnDt"), "Dt", header["execution_date"].isoformat())
    debtor = _add(payment, "Dbtr")
    _add(debtor, "Nm", sepa_text(header["debtor_name"], 70))
    _add_address(debtor, "PstlAdr", header.get("debtor_address") or {})
    _add(_add(_add(payment, "DbtrAcct"), "Id"), "IBAN", header["debtor_iban"])
    _add(_add(_add(payment, "DbtrAgt"), "FinInstnId"), "BICFI", header["debtor_bic"])
    _add(payment, "ChrgBr", "SLEV")

    for transfer in transfers:
        transaction = _add(payment, "CdtTrfTxInf")
        _add(
            _add(transaction, "PmtId"),
            "EndToEndId",
            sepa_text(transfer["end_to_end_id"], 35),
        )
        _add(
            _add(transaction, "Amt"),
            "InstdAmt",
            amount_text(transfer["amount"]),
            Ccy=transfer["currency"],
        )
        if transfer.get("creditor_bic"):
            _add(
                _add(_add(transaction, "CdtrAgt"), "FinInstnId"),
                "BICFI",
                transfer["creditor_bic"],
            )
        creditor = _add(transaction, "Cdtr")
        _add(creditor, "Nm", sepa_text(transfer["creditor_name"], 70))
        _add_address(creditor, "PstlAdr", transfer.get("creditor_address") or {})
        _add(
            _add(_add(transaction, "CdtrAcct"), "Id"), "IBAN", transfer["creditor_iban"]
        )
        remittance = sepa_text(transfer.get("remittance"), 140)
        if remittance:
            _add(_add(transaction, "RmtInf"), "Ustrd", remittance)

    validator = schema()
    if not validator.validate(root):
        errors = "; ".join(str(error.message) for error in validator.error_log)
        raise ValueError(errors)
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )
