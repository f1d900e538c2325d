"""The records of the mail and file models PIKC extends, for the access
matrix (``test_access_matrix.py``): a file, a follower and an activity of a
workshop, made as superuser or by a user of the matrix.

Their institution is their workshop's: the user's own workshop (``own``),
another institution's unshared one (``other``) and another's shared one
(``shared``). The workshop is the record of choice: it is the one model
with all three cases, the resource roles read their own and the shared
ones, masters and managers change their own and teachers do not (so that
Odoo's rules on the record's write access have a case each way), and the
funding roles and employees read none (an own institution's record the
user cannot read).
"""

from functools import partial
from itertools import count

_serial = count(1)

#: Models whose records belong to the institution of their workshop.
HOSTED = frozenset({"ir.attachment", "mail.followers", "mail.activity"})


def _host(cls, company, shared):
    return (cls.shared_workshops if shared else cls.workshops)[company.id]


def _name(prefix):
    return f"AM-{prefix}-door-{next(_serial)}"


def attachment(cls, company, shared=False):
    host = _host(cls, company, shared)
    return {
        "name": _name("File"),
        "raw": b"matrix",
        "res_model": host._name,
        "res_id": host.id,
        "company_id": company.id,
    }


def follower(cls, company, shared=False):
    host = _host(cls, company, shared)
    partner = cls.env["res.partner"].create({"name": _name("Follower")})
    return {"res_model": host._name, "res_id": host.id, "partner_id": partner.id}


def activity(cls, company, shared=False):
    """An activity of the workshop assigned to a colleague of its
    institution (an activity assigned to the user is theirs to read)."""
    host = _host(cls, company, shared)
    return {
        "res_model_id": cls.env["ir.model"]._get_id(host._name),
        "res_id": host.id,
        "activity_type_id": cls.env.ref("mail.mail_activity_data_todo").id,
        "summary": _name("Check"),
        "user_id": cls.colleagues[company.id].id,
        "date_deadline": "2030-09-02",
    }


#: model -> maker, and maker of the shared case.
MAKERS = {
    "ir.attachment": attachment,
    "mail.followers": follower,
    "mail.activity": activity,
}
SHARED_MAKERS = {model: partial(maker, shared=True) for model, maker in MAKERS.items()}
