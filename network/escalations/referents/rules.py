"""Who sees and who manages the référents directory, asked through
``network.permissions.can``: every member reads the directory; a back office is seen by the
agents and coordinators of the territory it serves, its partner's trainers and the national
cell; only the partner's trainers and the national cell manage it and the partner's
motives."""

from directory.models import Partner
from network.models import AgentProfile, Role

from ..models import BackOffice

VIEW_REFERENTS = "view_referents"
VIEW_BACK_OFFICE = "view_back_office"
MANAGE_BACK_OFFICE = "manage_back_office"
MANAGE_MOTIVES = "manage_motives"


def decide(profile: AgentProfile, action: str, target) -> bool:
    if action == VIEW_REFERENTS:
        return True
    if action == VIEW_BACK_OFFICE:
        return isinstance(target, BackOffice) and sees(profile, target)
    if action == MANAGE_BACK_OFFICE:
        if target is None:  # some back office: the creation form
            return manages_some(profile)
        if isinstance(target, BackOffice):
            return speaks_for(profile, target.partner_id)
        return isinstance(target, Partner) and speaks_for(profile, target.pk)
    if action == MANAGE_MOTIVES:
        return isinstance(target, Partner) and speaks_for(profile, target.pk)
    return False


def manages_some(profile: AgentProfile) -> bool:
    """The national cell, or a partner's trainer (a trainer always has a partner)."""
    return profile.role in {Role.NATIONAL_CELL, Role.PARTNER_TRAINER}


def speaks_for(profile: AgentProfile, partner_id: int | None) -> bool:
    """The national cell for every partner; a partner's trainers for their own."""
    if profile.role == Role.NATIONAL_CELL:
        return True
    return (
        profile.role == Role.PARTNER_TRAINER
        and partner_id is not None
        and partner_id == profile.partner_id
    )


def territory_of(profile: AgentProfile) -> tuple[int | None, int | None]:
    """The (department id, region id) a member works in, for the back offices serving it:
    an agent's maison's department and its region; a department coordinator's department
    and its region; a region coordinator's region alone (None, region id)."""
    if profile.role == Role.AGENT:
        department = profile.maison.department if profile.maison_id else None
        if department is None:
            return None, None
        return department.pk, department.region_id
    if profile.role == Role.COORDINATOR:
        if profile.department_id is not None:
            return profile.department_id, profile.department.region_id
        return None, profile.region_id
    return None, None


def sees(profile: AgentProfile, back_office: BackOffice) -> bool:
    """Whether ``profile`` may see ``back_office`` (see the module's docstring)."""
    if profile.role == Role.NATIONAL_CELL:
        return True
    if profile.role == Role.PARTNER_TRAINER:
        return back_office.partner_id == profile.partner_id
    department_id, region_id = territory_of(profile)
    if back_office.region_id is not None:
        return region_id is not None and back_office.region_id == region_id
    if department_id is not None:
        return back_office.department_id == department_id
    # A region coordinator: every department back office of the region.
    return (
        profile.role == Role.COORDINATOR
        and region_id is not None
        and back_office.department.region_id == region_id
    )
