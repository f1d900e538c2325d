import re
import threading
import time
from contextlib import contextmanager

from psycopg2 import IntegrityError

from odoo import SUPERUSER_ID, api
from odoo.tests import new_test_user
from odoo.tools import mute_logger

from odoo.addons.base.tests.common import BaseCommon

#: How Odoo's access refusals of an operation name it.
_ACCESS_VERBS = {
    "read": "access",
    "write": "modify",
    "create": "create",
    "unlink": "delete",
}


def refused_access(model, *operations):
    """A pattern of Odoo's refusal of one of ``operations`` (read, write,
    create, unlink) on records of ``model``, by access rights or by record
    rules, for :meth:`PikcResourcesCommon.assertRefused`. (A user who may
    not read a record is refused its change as a read.)"""
    name = re.escape(model)
    verbs = "|".join(_ACCESS_VERBS[operation] for operation in operations)
    return (
        rf"You are not allowed to (?:{verbs}) '[^']+' \({name}\) records"
        rf"|doesn't have '(?:{'|'.join(operations)})' access to:\n- [^\n]*"
        rf"\({name}[:)]"
    )


class PikcResourcesCommon(BaseCommon):
    """Two institutions and one user per resources role.

    The PIKC is the test's main company; ``company_school2`` is a member
    school. Users are named after the role they stand for.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_pikc = cls.env.company
        cls.company_pikc.pikc_institution_type = "centre"
        cls.company_school2 = cls.env["res.company"].create(
            {"name": "Test Member School", "pikc_institution_type": "member"}
        )
        cls.sector_mech = cls.env.ref("pikc_resources.sector_mechanical_engineering")

        cls.user_employee = cls.create_pikc_user(
            "pikc_employee", "base.group_user", cls.company_pikc
        )
        cls.user_teacher = cls.create_pikc_user(
            "pikc_teacher", "pikc_resources.group_resource_user", cls.company_pikc
        )
        cls.user_master = cls.create_pikc_user(
            "pikc_master", "pikc_resources.group_workshop_master", cls.company_pikc
        )
        cls.user_manager = cls.create_pikc_user(
            "pikc_manager", "pikc_resources.group_resource_manager", cls.company_pikc
        )
        cls.user_teacher_school2 = cls.create_pikc_user(
            "pikc_teacher_school2",
            "pikc_resources.group_resource_user",
            cls.company_school2,
        )

    @classmethod
    def create_pikc_user(cls, login, groups, company, companies=None):
        """A user ``login`` of ``groups`` (comma-separated XML ids), working
        in ``company`` and member of ``companies`` (``company`` alone by
        default)."""
        companies = companies or company
        return new_test_user(
            cls.env,
            login=login,
            groups=groups,
            company_id=company.id,
            company_ids=(companies | company).ids,
        )

    @classmethod
    def create_workshop(cls, code, company=None, **values):
        """A workshop of ``company`` (the PIKC by default), made as superuser."""
        company = company or cls.company_pikc
        workshop = (
            cls.env["pikc.workshop"]
            .with_company(company)
            .create(
                dict(
                    {
                        "name": f"Workshop {code}",
                        "code": code,
                        "company_id": company.id,
                        "sector_id": cls.sector_mech.id,
                        "capacity": 12,
                    },
                    **values,
                )
            )
        )
        return workshop.with_env(cls.env)

    @contextmanager
    def assertRefused(self, exception, message):
        """The block is refused with ``exception`` whose text matches
        ``message``, and leaves nothing written: its changes are rolled back
        and the cache is cleared, so that the caller can check. Yields the
        context of ``assertRaisesRegex``: its ``exception`` is the refusal."""
        with (
            self.assertRaisesRegex(exception, message) as caught,
            self.env.cr.savepoint(),
        ):
            yield caught
        self.env.invalidate_all()

    def read_as(self, user, record, fnames):
        """What ``user`` reads of ``record``'s ``fnames``, from the database:
        the cache is cleared first, and the user's access to the record
        checked (a cached value would be returned to anyone)."""
        self.env.invalidate_all()
        record = record.with_user(user)
        record.check_access("read")
        return record.read(fnames)[0]

    def assertRaceRefusedBy(self, create, constraint):
        """Two users run ``create`` (a callable of an environment) at the
        same moment, in two real transactions: the database lets the first
        through and refuses the second by ``constraint``. What the first
        committed stays: the caller cleans up."""
        with mute_logger("odoo.sql_db"):
            error = race_two_transactions(self.registry, create, create)
        self.assertIsInstance(error, IntegrityError)
        self.assertEqual(error.diag.constraint_name, constraint)

    def visible_menus(self, user):
        """The XML ids of the PIKC menus ``user`` sees in the web client."""
        menus = self.env["ir.ui.menu"].with_user(user)
        visible = menus.browse(menus._visible_menu_ids())
        return {
            xmlid
            for xmlid in visible.get_external_id().values()
            if xmlid.startswith(("pikc_resources.", "pikc_funding."))
        }


def race_two_transactions(registry, first, second, timeout=20):
    """Run ``first`` and ``second`` in two real, concurrent transactions.

    Each callable receives a superuser environment on its own database
    cursor. ``first`` runs and stays uncommitted while ``second`` starts in
    another thread; once ``second`` waits on a database lock held by
    ``first``, the first transaction commits. Returns the exception raised
    by the second transaction (or None) after it committed or rolled back.

    Whatever they committed stays in the database: the caller cleans up.
    """
    outcome = {}
    cr1 = registry.cursor()
    cr2 = registry.cursor()
    try:
        first(api.Environment(cr1, SUPERUSER_ID, {}))
        pid2 = cr2._cnx.get_backend_pid()

        def run_second():
            try:
                second(api.Environment(cr2, SUPERUSER_ID, {}))
                cr2.commit()
            except Exception as exc:  # noqa: BLE001 - reported to the caller
                cr2.rollback()
                outcome["error"] = exc

        thread = threading.Thread(target=run_second)
        thread.start()
        deadline = time.monotonic() + timeout
        with registry.cursor() as observer:
            while time.monotonic() < deadline and thread.is_alive():
                observer.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid2],
                )
                row = observer.fetchone()
                if row and row[0] == "Lock":
                    break
                observer.rollback()
                time.sleep(0.05)
            else:
                raise AssertionError(
                    "the second transaction never waited on the first one's lock"
                )
        cr1.commit()
        thread.join(timeout)
        if thread.is_alive():
            raise AssertionError("the second transaction did not finish")
        return outcome.get("error")
    finally:
        cr1.close()
        cr2.close()
