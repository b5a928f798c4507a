# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import base64
import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from ..nacha import build_file, next_business_day
from .common import PayablesCase


@tagged("post_install", "-at_install")
class TestNachaFile(PayablesCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.boston = cls._vendor(
            "Boston Parts", routing="011000015", account="11112222"
        )
        cls.valley = cls._vendor("Valley Metals", routing="121000358", account="333444")

    def _records(self, run):
        text = base64.b64decode(run.file_data).decode("ascii")
        self.assertTrue(text.endswith("\r\n"))
        return text.split("\r\n")[:-1]

    @freeze_time("2026-12-02 09:30:00")
    def test_nacha_file_records_blocks_hash_and_totals(self):
        """Two bills: Boston Parts 19.99 (routing 011000015, leading zero) and
        Valley Metals 250.00 (routing 121000358), paid from our bank 021000021.

        Records: file header, batch header, 2 x (entry + addenda), batch
        control, file control = 8, padded with 2 lines of nines to 10: one
        block. Entry hash = 01100001 + 12100035 = 13200036 -> 0013200036.
        Credit total = 1999 + 25000 = 26999 cents. Trace numbers are our bank's
        first 8 digits 02100002 + sequence 0000001, 0000002.
        """
        bill_boston = self._bill(self.boston, 1, 19.99, ref="BP-1001")
        self._bill(self.valley, 2, 125.0, ref="VM-77")
        run = self._prepare_and_release(self._run("nacha"))
        self.assertEqual(run.state, "released")
        self.assertIn(bill_boston.payment_state, ("paid", "in_payment"))

        records = self._records(run)
        self.assertEqual(len(records), 10)
        self.assertTrue(all(len(record) == 94 for record in records))
        self.assertEqual([record[0] for record in records], list("1567678999"))
        self.assertEqual(records[8], "9" * 94)
        self.assertEqual(records[9], "9" * 94)

        header = records[0]
        self.assertEqual(header[3:13], " 021000021")
        self.assertEqual(header[23:33], "2612020930")
        self.assertEqual(header[34:40], "094101")

        batch = records[1]
        self.assertEqual(batch[1:4], "220")
        self.assertEqual(batch[40:50], "1234567890")
        self.assertEqual(batch[50:53], "CCD")
        self.assertEqual(batch[69:75], "261202")
        self.assertEqual(batch[79:87], "02100002")

        boston, boston_addenda = records[2], records[3]
        self.assertEqual(boston[1:3], "22")
        self.assertEqual(boston[3:12], "011000015")
        self.assertEqual(boston[12:29], "11112222".ljust(17))
        self.assertEqual(boston[29:39], "0000001999")
        self.assertEqual(boston[54:76], "BOSTON PARTS".ljust(22))
        self.assertEqual(boston[78], "1")
        self.assertEqual(boston[79:94], "021000020000001")
        self.assertEqual(boston_addenda[1:3], "05")
        self.assertIn("BP-1001", boston_addenda[3:83])
        self.assertEqual(boston_addenda[83:94], "00010000001")

        valley = records[4]
        self.assertEqual(valley[3:12], "121000358")
        self.assertEqual(valley[29:39], "0000025000")
        self.assertEqual(valley[79:94], "021000020000002")

        control = records[6]
        self.assertEqual(control[1:4], "220")
        self.assertEqual(control[4:10], "000004")
        self.assertEqual(control[10:20], "0013200036")
        self.assertEqual(control[20:32], "000000000000")
        self.assertEqual(control[32:44], "000000026999")

        file_control = records[7]
        self.assertEqual(file_control[1:7], "000001")
        self.assertEqual(file_control[7:13], "000001")
        self.assertEqual(file_control[13:21], "00000004")
        self.assertEqual(file_control[21:31], "0013200036")
        self.assertEqual(file_control[43:55], "000000026999")

    def test_block_count_pads_to_a_multiple_of_ten(self):
        """Five entries: 2 + 5 x 2 + 2 = 14 records, padded with 6 lines of
        nines to 20: block count 2 in the file control."""
        entries = [
            {
                "routing": "011000015",
                "account_number": str(index),
                "amount": 1.0,
                "identification": f"P{index}",
                "name": "Vendor",
                "addenda": "Bill",
            }
            for index in range(5)
        ]
        header = {
            "origin_routing": "021000021",
            "origin_bank_name": "Bank",
            "company_name": "Us",
            "company_identification": "1234567890",
            "company_tax_id": "123456789",
            "effective_date": datetime.date(2026, 12, 2),
        }
        text, totals = build_file(header, entries, datetime.datetime(2026, 12, 2, 8, 0))
        records = text.split("\r\n")[:-1]
        self.assertEqual(len(records), 20)
        self.assertEqual(records.count("9" * 94), 6)
        self.assertEqual(totals["block_count"], 2)
        self.assertEqual(records[13][7:13], "000002")
        self.assertEqual(totals["entry_hash"], 5 * 1100001)

    def test_saturday_execution_date_moves_to_monday(self):
        """Saturday 5 Dec 2026 -> Monday 7 Dec; Sunday 6 Dec -> Monday 7 Dec;
        Friday 4 Dec stays."""
        self.assertEqual(
            next_business_day(datetime.date(2026, 12, 5)), datetime.date(2026, 12, 7)
        )
        self.assertEqual(
            next_business_day(datetime.date(2026, 12, 6)), datetime.date(2026, 12, 7)
        )
        self.assertEqual(
            next_business_day(datetime.date(2026, 12, 4)), datetime.date(2026, 12, 4)
        )

    @freeze_time("2026-12-02")
    def test_saturday_run_pays_and_files_on_monday(self):
        """A run asked for Saturday 5 Dec pays on Monday 7 Dec: payment date
        and NACHA effective entry date 261207."""
        self._bill(self.boston, 1, 19.99)
        run = self._run("nacha", date_execution="2026-12-05")
        self.assertEqual(str(run.date_payment), "2026-12-07")
        self._prepare_and_release(run)
        self.assertEqual(str(run.line_ids.payment_ids.date), "2026-12-07")
        self.assertEqual(self._records(run)[1][69:75], "261207")
