from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestResourceTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.teacher = new_test_user(
            cls.env,
            login="tour_teacher",
            groups="pikc_resources.group_resource_user",
            lang="en_US",
        )

    def test_teacher_opens_pikc_and_a_sector(self):
        """A resource user logs in, opens PIKC, the sectors and one sector."""
        self.start_tour("/odoo", "pikc_resources_open_sector", login=self.teacher.login)
