from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PikcStaffDevelopment(models.Model):
    """One entry of a staff member's professional development log.

    Seminars, courses, lesson observations ("hospitēšana": sitting in on a
    colleague's lesson, at home or at a partner institution), mobility
    periods abroad: what a teacher learnt, when, for how many hours and
    where, with the certificate as evidence. The log feeds the yearly
    development hours on the employee and, later, the mobility reports of
    funded projects (the optional grant reference).

    HR officers and resource managers keep the log of the staff of their
    own institutions; every employee reads their own entries and nobody
    else's; nobody sees the entries of another institution.
    """

    _name = "pikc.staff.development"
    _description = "Professional Development Entry"
    _inherit = ["mail.thread"]
    _order = "date_start desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Title", required=True, tracking=True)
    employee_id = fields.Many2one(
        "hr.employee",
        required=True,
        index=True,
        ondelete="cascade",
        tracking=True,
    )
    company_id = fields.Many2one(
        related="employee_id.company_id",
        string="Institution",
        store=True,
        index=True,
        precompute=True,
    )
    kind = fields.Selection(
        [
            ("seminar", "Seminar"),
            ("course", "Course"),
            ("lesson_observation", "Lesson observation"),
            ("mobility", "Mobility period"),
            ("other", "Other"),
        ],
        required=True,
        default="seminar",
        tracking=True,
        help="Lesson observation (hospitēšana): attending a colleague's "
        "lessons to learn from their teaching.",
    )
    date_start = fields.Date(
        string="Start",
        required=True,
        default=fields.Date.context_today,
        tracking=True,
    )
    date_end = fields.Date(
        string="End",
        compute="_compute_date_end",
        store=True,
        readonly=False,
        precompute=True,
        tracking=True,
        help="Last day of the activity; a one-day activity ends on its start day.",
    )
    hours = fields.Float(
        digits=(16, 1),
        tracking=True,
        help="Hours of learning the activity counts for (academic or "
        "certificate hours).",
    )
    host_partner_id = fields.Many2one(
        "res.partner",
        string="Host Organisation",
        help="Institution or company that organised or hosted the activity.",
    )
    country_id = fields.Many2one(
        "res.country",
        compute="_compute_country_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    certificate = fields.Binary(attachment=True, copy=False)
    certificate_filename = fields.Char(copy=False)
    notes = fields.Html()
    grant_reference = fields.Char(
        help="Agreement number of the funded project that paid for the "
        "activity, e.g. 2011-1-LV1-LEO03-02109.",
    )

    @api.depends("date_start")
    def _compute_date_end(self):
        for entry in self:
            entry.date_end = entry.date_end or entry.date_start

    @api.depends("host_partner_id")
    def _compute_country_id(self):
        for entry in self:
            entry.country_id = entry.host_partner_id.country_id or entry.country_id

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for entry in self:
            if entry.date_end and entry.date_end < entry.date_start:
                raise ValidationError(
                    self.env._(
                        "“%(entry)s” of %(employee)s ends on %(end)s, before it "
                        "starts on %(start)s: set the end on or after the start.",
                        entry=entry.name,
                        employee=entry.employee_id.name,
                        end=entry.date_end,
                        start=entry.date_start,
                    )
                )

    @api.constrains("hours")
    def _check_hours(self):
        for entry in self:
            if entry.hours < 0:
                raise ValidationError(
                    self.env._(
                        "“%(entry)s” of %(employee)s counts %(hours)s hours: "
                        "hours cannot be negative, enter the hours of learning "
                        "(zero or more).",
                        entry=entry.name,
                        employee=entry.employee_id.name,
                        hours=entry.hours,
                    )
                )
