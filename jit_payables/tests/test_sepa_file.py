# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from ..sepa import NAMESPACE, schema, sepa_text
from .common import PayablesCase

REFERENCE_PART = "Invoice 2026-001 for delivery of goods "  # 39 characters


@tagged("post_install", "-at_install")
class TestSepaFile(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.euro = cls.setup_other_currency("EUR", rates=[("2026-01-01", 0.5)])
        cls.vendor = cls._vendor(
            "Société Générale & Fils Éditions",
            iban="FR76 3000 1007 9412 3456 7890 185",
            street="12 rue de l'Église",
            zip="75001",
            city="Paris",
            country_id=cls.env.ref("base.fr").id,
        )

    def _find(self, root, path):
        return root.findtext(path, namespaces={"p": NAMESPACE})

    @freeze_time("2026-12-02 10:00:00")
    def test_sepa_file_is_valid_with_accents_ampersand_and_long_text(self):
        """A 1,234.56 EUR bill whose reference is 200 characters (the 39-char
        sentence 5 times plus 5 characters) to a vendor with accents and '&'.

        The file validates against the shipped pain.001.001.09 XSD; the name
        becomes 'Societe Generale + Fils Editions'; the remittance is cut to
        140 characters: the sentence 3 times (117) + its first 23 characters
        'Invoice 2026-001 for de'; NbOfTxs 1, CtrlSum 1234.56 in both headers;
        the structured address is StrtNm 'rue de l'Eglise'... kept in the SEPA
        set, PstCd 75001, TwnNm Paris, Ctry FR; the Saturday-free execution
        date is Wednesday 2026-12-02.
        """
        reference = (REFERENCE_PART * 6)[:200]
        self.assertEqual(len(reference), 200)
        self._bill(self.vendor, 1, 1234.56, ref=reference, currency_id=self.euro.id)
        run = self._prepare_and_release(self._run("sepa", journal=self.journal_eu))
        content = base64.b64decode(run.file_data)
        root = etree.fromstring(content)
        self.assertTrue(schema().validate(root))
        self.assertTrue(run.file_name.endswith(".xml"))

        self.assertEqual(
            self._find(root, ".//p:Cdtr/p:Nm"), "Societe Generale + Fils Editions"
        )
        remittance = self._find(root, ".//p:RmtInf/p:Ustrd")
        self.assertEqual(remittance, REFERENCE_PART * 3 + "Invoice 2026-001 for de")
        self.assertEqual(len(remittance), 140)
        self.assertEqual(self._find(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs"), "1")
        self.assertEqual(
            self._find(root, "p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum"), "1234.56"
        )
        self.assertEqual(self._find(root, ".//p:PmtInf/p:CtrlSum"), "1234.56")
        self.assertEqual(self._find(root, ".//p:InstdAmt"), "1234.56")
        self.assertEqual(
            root.find(".//p:InstdAmt", namespaces={"p": NAMESPACE}).get("Ccy"), "EUR"
        )
        self.assertEqual(
            self._find(root, ".//p:Cdtr/p:PstlAdr/p:StrtNm"), "12 rue de l'Eglise"
        )
        self.assertEqual(self._find(root, ".//p:Cdtr/p:PstlAdr/p:PstCd"), "75001")
        self.assertEqual(self._find(root, ".//p:Cdtr/p:PstlAdr/p:Ctry"), "FR")
        self.assertEqual(
            self._find(root, ".//p:CdtrAcct/p:Id/p:IBAN"), "FR7630001007941234567890185"
        )
        self.assertEqual(
            self._find(root, ".//p:DbtrAcct/p:Id/p:IBAN"), "DE89370400440532013000"
        )
        self.assertEqual(self._find(root, ".//p:ReqdExctnDt/p:Dt"), "2026-12-02")

    @freeze_time("2026-12-02")
    def test_sepa_saturday_execution_date_moves_to_monday(self):
        """Requested Saturday 2026-12-05: ReqdExctnDt is Monday 2026-12-07."""
        self._bill(self.vendor, 1, 10.0, currency_id=self.euro.id)
        run = self._run("sepa", journal=self.journal_eu, date_execution="2026-12-05")
        self._prepare_and_release(run)
        root = etree.fromstring(base64.b64decode(run.file_data))
        self.assertEqual(self._find(root, ".//p:ReqdExctnDt/p:Dt"), "2026-12-07")

    @freeze_time("2026-12-02")
    def test_sepa_skips_bills_not_in_euro(self):
        """A USD bill cannot go in a SEPA file: the vendor is listed as not paid."""
        self._bill(self.vendor, 1, 10.0)
        run = self._run("sepa", journal=self.journal_eu)
        with self.assertRaisesRegex(UserError, "SEPA pays euros only"):
            run.with_user(self.manager_a).action_prepare()

    def test_sepa_text_conversion(self):
        """'Müller & Söhne_GmbH @ Köln' -> 'Muller + Sohne-GmbH (at) Koln'; a
        text is cut to the allowed length; an empty text gives None."""
        self.assertEqual(
            sepa_text("Müller & Söhne_GmbH @ Köln", 70), "Muller + Sohne-GmbH (at) Koln"
        )
        self.assertEqual(sepa_text("x" * 80, 70), "x" * 70)
        self.assertIsNone(sepa_text("", 70))
