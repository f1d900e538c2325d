from odoo import Command

from .common import PikcResourcesCommon


class PikcStaffCommon(PikcResourcesCommon):
    """Staff of both institutions, an HR officer, and one development entry each.

    The PIKC teacher and the member school's teacher have their own
    employee; ``employee_colleague`` is a PIKC colleague without a user.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_hr_officer = cls.create_pikc_user(
            "pikc_hr_officer",
            "hr.group_hr_user,pikc_resources.group_resource_user",
            cls.company_pikc,
        )
        cls.sector_eea = cls.env.ref(
            "pikc_resources.sector_energy_electronics_automation"
        )
        employees = cls.env["hr.employee"]
        cls.employee_teacher = employees.create(
            {
                "name": "Anna Bērziņa",
                "user_id": cls.user_teacher.id,
                "sector_ids": [Command.set(cls.sector_mech.ids)],
                "load_norm_hours": 720,
            }
        )
        cls.employee_colleague = employees.create(
            {
                "name": "Ilze Liepiņa",
                "sector_ids": [Command.set(cls.sector_eea.ids)],
                "load_norm_hours": 1440,
            }
        )
        cls.employee_school2 = employees.with_company(cls.company_school2).create(
            {
                "name": "Pēteris Kazāks",
                "user_id": cls.user_teacher_school2.id,
                "sector_ids": [Command.set(cls.sector_eea.ids)],
            }
        )
        cls.partner_vilnius = cls.env["res.partner"].create(
            {
                "name": "Vilnius Technology and Business VET Centre",
                "is_company": True,
                "country_id": cls.env.ref("base.lt").id,
            }
        )
        cls.entry_teacher = cls.create_entry(
            cls.employee_teacher,
            name="VETPRO mobility to Vilnius",
            kind="mobility",
            date_start="2012-02-13",
            date_end="2012-02-17",
            hours=40,
            host_partner_id=cls.partner_vilnius.id,
        )
        cls.entry_colleague = cls.create_entry(
            cls.employee_colleague, name="Modular programmes"
        )
        cls.entry_school2 = cls.create_entry(
            cls.employee_school2, name="Electrical safety"
        )

    @classmethod
    def create_entry(cls, employee, user=None, **values):
        """A development entry of ``employee``, created as ``user`` (superuser)."""
        entries = cls.env["pikc.staff.development"]
        if user:
            entries = entries.with_user(user)
        return entries.create(
            {
                "employee_id": employee.id,
                "name": "Seminar",
                "kind": "seminar",
                "date_start": "2012-05-21",
                "hours": 6,
                **values,
            }
        )

    def count_entries(self):
        """How many development entries exist, whoever can see them."""
        return self.env["pikc.staff.development"].sudo().search_count([])
