def uninstall_hook(env):
    """Give Odoo's equipment and resource company rules back their hold on
    reading."""
    for xmlid in (
        "maintenance.maintenance_equipment_comp_rule",
        "resource.resource_resource_multi_company",
    ):
        rule = env.ref(xmlid, raise_if_not_found=False)
        if rule:
            rule.perm_read = True
