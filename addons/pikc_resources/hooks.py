def uninstall_hook(env):
    """Give Odoo's equipment company rule back its hold on reading."""
    rule = env.ref(
        "maintenance.maintenance_equipment_comp_rule", raise_if_not_found=False
    )
    if rule:
        rule.perm_read = True
