from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestStaffTour(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hr_officer = new_test_user(
            cls.env,
            login="tour_hr_officer",
            groups="hr.group_hr_user,pikc_resources.group_resource_user",
            lang="en_US",
        )

    def test_hr_officer_opens_a_teachers_development_log(self):
        """An HR officer finds a teacher's sectors and development log, then the log."""
        self.start_tour(
            "/odoo", "pikc_resources_staff_development", login=self.hr_officer.login
        )
