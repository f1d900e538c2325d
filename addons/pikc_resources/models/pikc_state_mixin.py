from odoo import api, models
from odoo.exceptions import UserError


class PikcStateMixin(models.AbstractModel):
    """A record that moves through the states of its ``state`` selection
    by buttons, each allowed from some states only (a grant, a procurement,
    a booking). ``_pikc_state_owner`` says how a refusal names the record;
    ``_pikc_state_error`` which exception it raises."""

    _name = "pikc.state.mixin"
    _description = "PIKC Record with States"

    _pikc_state_error = UserError

    @api.model
    def _state_label(self, state):
        """The label of ``state`` in the user's language."""
        return dict(self._fields["state"]._description_selection(self.env))[state]

    def _pikc_state_owner(self):
        """How a refusal names the record: its display name."""
        self.ensure_one()
        return self.display_name

    def _pikc_refuse_state(self, new_state):
        """Refuse to move the record ``self`` to ``new_state``."""
        self.ensure_one()
        raise self._pikc_state_error(
            self.env._(
                "%(record)s is %(state)s: it cannot become %(new_state)s from there.",
                record=self._pikc_state_owner(),
                state=self._state_label(self.state),
                new_state=self._state_label(new_state),
            )
        )

    def _set_state(self, new_state, allowed_from):
        """Move the records to ``new_state``, refusing any that is not in one
        of the states ``allowed_from``."""
        for record in self:
            if record.state not in allowed_from:
                record._pikc_refuse_state(new_state)
        self.write({"state": new_state})
