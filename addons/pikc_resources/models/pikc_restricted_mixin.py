from odoo import models


class PikcRestrictedMixin(models.AbstractModel):
    """Records some users may know exist but not read in full.

    A record is *foreign* to a user when :meth:`_pikc_foreign` says so (the
    models using this mixin decide: another institution's shared workshop, a
    booking of another institution). Of a foreign record, reads return only
    the fields listed in ``_pikc_shared_fields``; every other field reads as
    empty, and its chatter is not theirs to read. Record rules decide which
    records a user reads at all; this mixin decides how much of them.
    """

    _name = "pikc.restricted.mixin"
    _description = "Record Partly Readable by Other Institutions"

    #: Fields users read on a foreign record.
    _pikc_shared_fields = frozenset({"id", "display_name"})

    def _pikc_foreign(self):
        """The records of ``self`` the user reads only in part. Hook: none
        by default."""
        return self.browse()

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        foreign_ids = set(self._pikc_foreign().ids)
        if not foreign_ids:
            return result
        hidden = [name for name in fnames if name not in self._pikc_shared_fields]
        for values in result:
            if values["id"] not in foreign_ids:
                continue
            for name in hidden:
                if name in values:
                    field = self._fields[name]
                    values[name] = (
                        [] if field.type in ("one2many", "many2many") else False
                    )
        return result

    # The chatter of a foreign record is not the user's to read: mail
    # reaches it through these doors (and mail.message's search, see
    # models/mail_message.py).
    def _get_thread_with_access(self, thread_id, mode="read", **kwargs):
        thread = super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
        return thread - thread._pikc_foreign()

    def _get_mail_message_access(self, res_ids, operation, model_name=None):
        check = super()._get_mail_message_access(res_ids, operation, model_name)
        if check == "read" and self.browse(list(res_ids))._pikc_foreign():
            return "write"  # which users of other institutions never have
        return check
