"""Bookings written as an RPC client writes them (XML-RPC ``execute_kw`` and
the web client's JSON-RPC), with the demo logins: what the booking computes
is refused, the capacity holds, a change of a confirmed booking goes back to
its owner, and an id in any form meets the same checks. Every refusal leaves
the database as it was."""

import json
from datetime import datetime

from odoo import fields
from odoo.tests import tagged

from .rpc_common import PikcRpcCase

#: Tuesday 4 March 2031, 9:00-12:00 in Riga (UTC+2): within the demo
#: workshops' opening hours, far from the demo bookings.
START = datetime(2031, 3, 4, 7, 0)
STOP = datetime(2031, 3, 4, 10, 0)

#: What a refused change of a booking must leave as it was.
KEPT = [
    "resource_id",
    "start",
    "stop",
    "company_id",
    "owner_company_id",
    "is_cross_institution",
    "workshop_id",
    "duration",
    "participants",
    "state",
    "name",
]


def at(day, hour):
    """A naive UTC datetime of March 2031, as XML-RPC text."""
    return fields.Datetime.to_string(datetime(2031, 3, day, hour, 0))


@tagged("post_install", "-at_install")
class TestBookingWritesOverRpc(PikcRpcCase):
    """The member school's teacher (teacher.school2) requests the PIKC's
    shared CNC lab; the PIKC's master (master) confirms; the PIKC's teacher
    (teacher) is another requester."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cnc = cls.env.ref("pikc_resources.workshop_cnc")
        cls.plc = cls.env.ref("pikc_resources.workshop_plc")
        cls.welding = cls.env.ref("pikc_resources.workshop_welding")
        cls.school2 = cls.env.ref("pikc_resources.company_school2")
        cls.pikc = cls.env.ref("base.main_company")

    def request(self, login="teacher.school2", workshop=None, **values):
        """A booking requested over RPC by ``login`` for their institution."""
        company = self.env["res.users"].search([("login", "=", login)]).company_id
        booking_id = self.call(
            login,
            "pikc.booking",
            "create",
            dict(
                {
                    "resource_id": (workshop or self.cnc).resource_id.id,
                    "start": fields.Datetime.to_string(START),
                    "stop": fields.Datetime.to_string(STOP),
                    "purpose": "Group EL-31: CNC practice",
                    "participants": 8,
                    "company_id": company.id,
                },
                **values,
            ),
        )
        self.call(login, "pikc.booking", "action_request", [booking_id])
        return self.env["pikc.booking"].browse(booking_id)

    def confirmed(self, login="teacher.school2", workshop=None):
        booking = self.request(login, workshop)
        self.call("master", "pikc.booking", "action_confirm", booking.ids)
        self.env.invalidate_all()
        self.assertEqual(booking.state, "confirmed")
        return booking

    def kept(self, booking):
        self.env.invalidate_all()
        return booking.read(KEPT)[0]

    def bookings_of(self, workshop):
        return self.env["pikc.booking"].search_count(
            [("resource_id", "=", workshop.resource_id.id)]
        )

    def test_the_requester_writes_none_of_the_computed_facts(self):
        """Every computed fact of the booking (listed from the registry),
        written by the requester over XML-RPC, is refused naming it; the
        booking is unchanged."""
        booking = self.request()
        before = self.kept(booking)
        computed = sorted(self.env["pikc.booking"]._pikc_computed_fields())
        self.assertIn("is_cross_institution", computed)
        values = {
            "is_cross_institution": False,
            "owner_company_id": self.school2.id,
            "duration": 0.5,
            "workshop_id": self.welding.id,
            "equipment_id": False,
            "employee_id": False,
            "resource_kind": "employee",
            "recharge_move_id": False,
        }
        for fname in computed:
            label = booking._fields[fname]._description_string(self.env)
            with self.subTest(field=fname):
                self.assertFault(
                    rf"{label} of .* (is computed from|is set by the system)",
                    "teacher.school2",
                    "pikc.booking",
                    "write",
                    booking.ids,
                    {fname: values[fname], "participants": 9},
                )
                self.assertEqual(self.kept(booking), before)

    def test_computed_facts_given_at_create_are_refused(self):
        """A create giving the computed flag or owner is refused; no booking
        is made."""
        count = self.bookings_of(self.cnc)
        for fname, value in (
            ("is_cross_institution", False),
            ("owner_company_id", self.school2.id),
        ):
            with self.subTest(field=fname):
                self.assertFault(
                    "is computed from",
                    "teacher.school2",
                    "pikc.booking",
                    "create",
                    {
                        "resource_id": self.cnc.resource_id.id,
                        "start": fields.Datetime.to_string(START),
                        "stop": fields.Datetime.to_string(STOP),
                        "purpose": "Typed flags",
                        "company_id": self.school2.id,
                        fname: value,
                    },
                )
        self.assertEqual(self.bookings_of(self.cnc), count)

    def test_participants_beyond_capacity_are_refused(self):
        """At create and after confirmation, more participants than the
        lab's 12 places are refused; nothing is written."""
        count = self.bookings_of(self.cnc)
        self.assertFault(
            "has 12 places",
            "teacher.school2",
            "pikc.booking",
            "create",
            {
                "resource_id": self.cnc.resource_id.id,
                "start": fields.Datetime.to_string(START),
                "stop": fields.Datetime.to_string(STOP),
                "purpose": "Too many",
                "participants": 30,
                "company_id": self.school2.id,
            },
        )
        self.assertEqual(self.bookings_of(self.cnc), count)
        booking = self.confirmed()
        before = self.kept(booking)
        self.assertFault(
            "has 12 places",
            "teacher.school2",
            "pikc.booking",
            "write",
            booking.ids,
            {"participants": 40},
        )
        self.assertEqual(self.kept(booking), before)

    def test_a_requesters_change_of_a_confirmed_booking_goes_back(self):
        """Moved, extended, shortened or switched to the PIKC's other shared
        lab by its requester over XML-RPC, a confirmed booking is requested
        again, with a To-Do for the PIKC's approver."""
        changes = {
            "move": {"start": at(5, 7), "stop": at(5, 10)},
            "extend": {"stop": at(4, 12)},
            "shrink": {"stop": at(4, 8)},
            "switch resource": {"resource_id": self.plc.resource_id.id},
        }
        for case, vals in changes.items():
            with self.subTest(case=case):
                booking = self.confirmed()
                self.call("teacher.school2", "pikc.booking", "write", booking.ids, vals)
                self.env.invalidate_all()
                self.assertEqual(booking.state, "requested")
                todo = booking.activity_ids
                self.assertEqual(len(todo), 1)
                self.assertIn(self.pikc, todo.user_id.company_ids)
                self.assertTrue(
                    todo.user_id.has_group("pikc_resources.group_workshop_master")
                )
                self.call("master", "pikc.booking", "action_cancel", booking.ids)

    def test_the_web_clients_save_goes_back_too(self):
        """The form's save (JSON-RPC web_save) of a new end goes back."""
        booking = self.confirmed()
        self.authenticate("teacher.school2", "teacher.school2")
        self.make_jsonrpc_request(
            "/web/dataset/call_kw/pikc.booking/web_save",
            {
                "model": "pikc.booking",
                "method": "web_save",
                "args": [booking.ids, {"stop": at(4, 12)}],
                "kwargs": {"specification": {"state": {}}},
            },
        )
        self.env.invalidate_all()
        self.assertEqual(booking.state, "requested")

    def test_the_web_clients_save_of_a_computed_fact_is_refused(self):
        """The form's save (JSON-RPC web_save) of the cross-institution flag
        and the owner is refused; the booking is unchanged."""
        booking = self.request()
        before = self.kept(booking)
        self.authenticate("teacher.school2", "teacher.school2")
        response = self.url_open(
            "/web/dataset/call_kw/pikc.booking/web_save",
            json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "model": "pikc.booking",
                        "method": "web_save",
                        "args": [
                            booking.ids,
                            {
                                "is_cross_institution": False,
                                "owner_company_id": self.school2.id,
                            },
                        ],
                        "kwargs": {"specification": {"state": {}}},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        ).json()
        error = response["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertRegex(
            error["message"],
            "^Is Cross Institution of .* is computed from Requesting "
            "Institution, Owner Institution; ",
        )
        self.assertEqual(self.kept(booking), before)

    def test_the_owners_master_moves_it_and_it_stays_confirmed(self):
        booking = self.confirmed()
        self.call("master", "pikc.booking", "write", booking.ids, {"stop": at(4, 12)})
        self.env.invalidate_all()
        self.assertEqual(booking.state, "confirmed")
        self.assertEqual(booking.stop, datetime(2031, 3, 4, 12, 0))

    def test_another_user_changes_nothing(self):
        """The PIKC's teacher, who did not make it, cannot move the member
        school's confirmed booking."""
        booking = self.confirmed()
        before = self.kept(booking)
        self.assertFault(
            "not allowed to modify|access",
            "teacher",
            "pikc.booking",
            "write",
            booking.ids,
            {"stop": at(4, 12)},
        )
        self.assertEqual(self.kept(booking), before)

    def test_an_unshared_workshop_is_held_in_no_form_of_id(self):
        """The member school asks for the PIKC's unshared welding shop with
        its resource's id as text, a float, a list, an (id, name) pair or a
        dict: each is refused, and no booking holds the shop."""
        rid = self.welding.resource_id.id
        count = self.bookings_of(self.welding)
        forms = {
            "text": str(rid),
            "float": float(rid),
            "list": [rid],
            "pair": [rid, self.welding.name],
            "dict": {"id": rid},
            "plain id": rid,
        }
        for case, value in forms.items():
            with self.subTest(case=case):
                self.assertFault(
                    "is not shared" if case == "plain id" else "given by its id",
                    "teacher.school2",
                    "pikc.booking",
                    "create",
                    {
                        "resource_id": value,
                        "start": fields.Datetime.to_string(START),
                        "stop": fields.Datetime.to_string(STOP),
                        "purpose": "Hold the welding shop",
                        "company_id": self.school2.id,
                        "state": "requested",
                    },
                )
        self.assertEqual(self.bookings_of(self.welding), count)
        booking = self.request()
        before = self.kept(booking)
        for case, value in forms.items():
            with self.subTest(case=f"write {case}"):
                self.assertFault(
                    "is not shared" if case == "plain id" else "given by its id",
                    "teacher.school2",
                    "pikc.booking",
                    "write",
                    booking.ids,
                    {"resource_id": value},
                )
                self.assertEqual(self.kept(booking), before)
        self.assertEqual(self.bookings_of(self.welding), count)
