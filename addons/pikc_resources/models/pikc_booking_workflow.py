"""The life of a booking: its states, who decides on them, refusals with a
reason, the owner's To-Do and the buttons.

``draft`` → ``requested`` → ``confirmed`` → ``done``, or ``refused`` /
``cancelled`` (see ``TRANSITIONS``). Only a workshop master or resource
manager of the owner institution confirms, refuses or closes a booking, and
another institution books only what the owner shares; a request schedules a
To-Do for the owner's approver.
"""

from pytz import timezone, utc

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from . import booking_slots
from .pikc_booking import APPROVED_FIELDS, OWNER_DECIDED_STATES
from .pikc_booking_availability import NEARBY_AFTER, NEARBY_BEFORE

#: Which state may follow which; anything else is refused.
TRANSITIONS = {
    "draft": {"requested", "confirmed", "cancelled"},
    "requested": {"confirmed", "refused", "cancelled", "draft"},
    "confirmed": {"done", "cancelled"},
    "refused": {"draft"},
    "cancelled": {"draft"},
    "done": set(),
}


class PikcBooking(models.Model):
    # One model, one job per file (see pikc_booking.py).
    _inherit = "pikc.booking"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # States: who decides, and what another institution may book
    # ------------------------------------------------------------------

    def _pikc_is_owner_decider(self, user=None, owner_company=None):
        """A workshop master or resource manager of the owner institution
        (``owner_company``: of another resource the booking would take)."""
        self.ensure_one()
        user = user or self.env.user
        owner_company = owner_company or self.sudo().owner_company_id
        return (
            user.has_group("pikc_resources.group_workshop_master")
            and owner_company in user.company_ids
        )

    @api.constrains("resource_id", "company_id", "owner_company_id")
    def _check_resource_is_shared(self):
        """Another institution books only what its owner shares: read from
        the resource itself, not from the stored flags that follow it."""
        for booking in self.sudo():
            resource = booking.resource_id
            if resource.company_id in (
                booking.company_id,
                booking.company_id.browse(),
            ):
                continue
            if not resource.pikc_is_shared:
                raise ValidationError(
                    self.env._(
                        "%(resource)s belongs to %(owner)s and is not shared, so "
                        "%(institution)s cannot book it. Ask %(owner)s to share "
                        "it, or book a shared resource.",
                        resource=resource.name,
                        owner=resource.company_id.name,
                        institution=booking.company_id.name,
                    )
                )

    @api.constrains("company_id")
    def _check_requesting_institution(self):
        """A user books for an institution they work for; a master or
        resource manager of the owner may also book for another one (the
        record rules check a new booking, not a changed one)."""
        if self.env.su:
            return
        user = self.env.user
        for booking in self:
            company = booking.sudo().company_id
            if (
                company in self.env.companies
                or company in user.company_ids
                or booking._pikc_is_owner_decider()
            ):
                continue
            raise AccessError(
                self.env._(
                    "%(user)s works for %(allowed)s and cannot book for "
                    "%(institution)s. Choose one of their institutions as the "
                    "requesting institution of %(booking)s.",
                    user=user.name,
                    allowed=", ".join(user.company_ids.mapped("name")),
                    institution=company.name,
                    booking=booking.name,
                )
            )

    def _pikc_check_owner_decides(self):
        if self.env.su:
            return
        for booking in self:
            if not booking._pikc_is_owner_decider():
                raise AccessError(
                    self.env._(
                        "Only a workshop master or resource manager of %(owner)s "
                        "may confirm, refuse or close the booking %(booking)s of "
                        "%(resource)s. Request it, and %(owner)s will decide.",
                        owner=booking.owner_company_id.sudo().name,
                        booking=booking.name,
                        resource=booking.resource_id.sudo().name,
                    )
                )

    def _pikc_check_transition(self, new_state):
        for booking in self:
            if booking.state != new_state and new_state not in TRANSITIONS.get(
                booking.state, ()
            ):
                booking._pikc_refuse_state(new_state)
        if new_state in OWNER_DECIDED_STATES:
            self._pikc_check_owner_decides()

    def _pikc_needing_approval_again(self, vals):
        """The confirmed bookings of ``self`` that ``vals`` moves, extends,
        shortens, gives another resource or another requesting institution,
        written by someone who may not confirm them as changed: they go back
        to ``requested`` and their owner decides again. A workshop master of
        the (new) owner keeps them confirmed, as they could confirm them; the
        system's own changes (``sudo()``) keep them too. A done booking took
        place: only its owner corrects it."""
        if self.env.su or "state" in vals or not APPROVED_FIELDS & vals.keys():
            return self.browse()
        changed = self.filtered(lambda booking: booking._pikc_changes(vals))
        for booking in changed.filtered(lambda b: b.state == "done"):
            if not booking._pikc_is_owner_decider():
                raise AccessError(
                    self.env._(
                        "The booking %(booking)s of %(resource)s is done: only a "
                        "workshop master or resource manager of %(owner)s may "
                        "correct its time, resource or institution.",
                        booking=booking.name,
                        resource=booking.resource_id.sudo().name,
                        owner=booking.owner_company_id.sudo().name,
                    )
                )
        owner = self.env["resource.resource"].sudo().browse(vals.get("resource_id"))
        return changed.filtered(
            lambda booking: booking.state == "confirmed"
            and not booking._pikc_is_owner_decider(
                owner_company=owner.company_id
                if "resource_id" in vals
                else booking.owner_company_id
            )
        )

    def _pikc_changes(self, vals):
        """Whether ``vals`` changes what the owner approved of the booking."""
        self.ensure_one()
        for fname in APPROVED_FIELDS:
            if fname not in vals:
                continue
            field = self._fields[fname]
            new = field.convert_to_record(
                field.convert_to_cache(vals[fname], self), self
            )
            if new != self[fname]:
                return True
        return False

    def _pikc_state_owner(self):
        return self.env._("The booking %(booking)s", booking=self.name)

    @api.constrains("state", "refusal_reason")
    def _check_refusal_reason(self):
        for booking in self:
            if (
                booking.state == "refused"
                and not (booking.refusal_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the booking %(booking)s is refused: the "
                        "requester reads the reason.",
                        booking=booking.name,
                    )
                )

    def _pikc_after_state_change(self, new_state):
        if new_state == "requested":
            self._pikc_notify_owner()
        elif new_state == "confirmed":
            self.sudo().activity_feedback(["mail.mail_activity_data_todo"])
        else:
            self.sudo().activity_unlink(["mail.mail_activity_data_todo"])

    def _pikc_approver(self):
        """Who decides on the booking: the master of the workshop (or of the
        equipment's workshop), else every resource manager of the owner
        institution; never the administrator, whose To-Do list nobody
        reads (a PIKC without anyone else gets a clear refusal instead, see
        :meth:`_pikc_notify_owner`)."""
        self.ensure_one()
        booking = self.sudo()
        workshop = booking.workshop_id or booking.equipment_id.workshop_id
        master = workshop.master_id.user_id
        if master and booking._pikc_is_owner_decider(master):
            return master
        administrators = self.env.ref("base.user_admin", raise_if_not_found=False)
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    (
                        "groups_id",
                        "in",
                        self.env.ref("pikc_resources.group_resource_manager").id,
                    ),
                    ("company_ids", "in", booking.owner_company_id.id),
                    ("share", "=", False),
                    (
                        "id",
                        "not in",
                        (administrators | self.env.ref("base.user_root")).ids,
                    ),
                ],
                order="name, id",
            )
        )

    def _pikc_notify_owner(self):
        """A request waits on the owner: a To-Do for each approver, who
        follow the booking from now on (the To-Dos close when one of them
        decides). A request nobody may decide on is refused, saying whom the
        owner should appoint."""
        for booking in self:
            approvers = booking._pikc_approver()
            if not approvers:
                raise UserError(
                    self.env._(
                        "Nobody at %(owner)s can approve the request %(booking)s "
                        "of %(resource)s: it has no workshop master with a user "
                        "and no resource manager. Ask %(owner)s to appoint one; "
                        "until then the booking stays a draft.",
                        owner=booking.owner_company_id.sudo().name,
                        booking=booking.name,
                        resource=booking.resource_id.sudo().name,
                    )
                )
            approvers -= self.env.user
            if not approvers:
                continue
            booking = booking.sudo()
            booking.message_subscribe(partner_ids=approvers.partner_id.ids)
            for approver in approvers:
                booking.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=approver.id,
                    summary=self.env._("Approve or refuse the booking request"),
                    note=self.env._(
                        "%(institution)s requests %(resource)s from %(start)s "
                        "to %(stop)s.",
                        institution=booking.company_id.name,
                        resource=booking.resource_id.name,
                        start=self._pikc_format(booking.start),
                        stop=self._pikc_format(booking.stop),
                    ),
                )

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------

    def _pikc_form_action(self, name, context=None):
        """The booking form in the main window: of this booking, or, called
        on no booking, a new one with the defaults of ``context``."""
        action = {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "pikc.booking",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }
        if self:
            action["res_id"] = self.ensure_one().id
        if context is not None:
            action["context"] = context
        return action

    def action_request(self):
        self.write({"state": "requested"})
        return True

    def action_confirm(self):
        self.write({"state": "confirmed"})
        return True

    def action_done(self):
        self.write({"state": "done"})
        return True

    def action_cancel(self):
        self.write({"state": "cancelled"})
        return True

    def action_draft(self):
        self.write({"state": "draft", "refusal_reason": False})
        return True

    def _pikc_check_own_booking(self):
        """Refuse a button that carries a booking's details (purpose,
        participants, sector) on another institution's booking, whose
        details are not the user's to read."""
        for booking in self._pikc_foreign():
            raise UserError(
                self.env._(
                    "%(booking)s is another institution's booking: you see only "
                    "when it holds the resource. Book the resource yourself "
                    "from its form or the free slot search.",
                    booking=booking.display_name,
                )
            )

    def action_find_slots(self):
        """The free slots of this booking's resource and length, nearest
        days first; booking one moves this booking there if it is a draft."""
        self.ensure_one()
        self._pikc_check_own_booking()
        now = fields.Datetime.now()
        window_start = max(self.start - NEARBY_BEFORE, now)
        return self.env["pikc.booking.slot.wizard"]._pikc_open(
            {
                "workshop_id": self.workshop_id.id,
                "resource_id": self.resource_id.id,
                "booking_id": self.id if self.state == "draft" else False,
                "duration": self.duration,
                "window_start": window_start,
                "window_stop": max(self.stop, window_start) + NEARBY_AFTER,
                "purpose": self.purpose,
                "participants": self.participants,
            }
        )

    def action_repeat_weekly(self):
        """Book this booking's resource and hours every week over a term."""
        self.ensure_one()
        self._pikc_check_own_booking()
        booking = self.sudo()
        calendar = self._pikc_calendar(booking.resource_id)
        tz = timezone(calendar.tz or booking.resource_id.tz or "UTC")
        start = utc.localize(self.start).astimezone(tz)
        stop = utc.localize(self.stop).astimezone(tz)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pikc_resources.pikc_booking_recurrence_wizard_action"
        )
        action["context"] = {
            "default_resource_id": self.resource_id.id,
            f"default_{booking_slots.WEEKDAYS[start.weekday()]}": True,
            "default_hour_from": booking_slots.hours_of_day(start),
            "default_hour_to": booking_slots.hours_of_day(stop),
            "default_date_from": fields.Date.to_string(start.date()),
            "default_purpose": self.purpose,
            "default_participants": self.participants,
            "default_sector_id": self.sector_id.id,
        }
        return action

    def action_refuse(self, reason=None):
        """Refuse with a reason; without one, ask for it."""
        if reason:
            self.write({"state": "refused", "refusal_reason": reason})
            return True
        self._pikc_check_transition("refused")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Refuse Booking"),
            "res_model": "pikc.booking.refuse",
            "view_mode": "form",
            "target": "new",
            "context": {"default_booking_ids": self.ids},
        }
