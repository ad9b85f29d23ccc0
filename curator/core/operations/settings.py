"""Project settings as an operation: bounds checked, one transaction, a change set."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from curator.core.operations.changes import ChangeSet, RestoreSettings
from curator.core.settings.setting_values import SettingValue

if TYPE_CHECKING:
    from curator.core.delivery_planning.settings import DeliveryOptions
    from curator.core.services import ProjectService

#: The keys of the credit templates (``credits.vi.photographer``): changing one rewrites the
#: credit fields that still follow their data.
_CREDIT_TEMPLATE_KEYS = "credits."


class SettingOperations:
    """Writes to the project's settings, each one edit."""

    def __init__(self, service: ProjectService) -> None:
        self._service = service

    def change(self, changes: Mapping[str, SettingValue | None]) -> ChangeSet:
        """Check ``changes`` (bounds, kinds, together) and write them as one edit.

        The change set names the keys; ``regenerated`` says the caption fields that follow
        the credit templates were written again.

        Raises:
            UsageError: an unknown key or a value out of bounds, naming the setting.
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        # project_settings reads the whole settings registry, which imports services
        # (which build this class): imported when a setting is changed, not before.
        from curator.core.language.generated import refresh_generated
        from curator.core.settings.project_settings import plan_settings

        service = self._service
        plan = plan_settings(service, changes)
        with service.store.transaction():
            for row, value in plan.write.items():
                service.project.set_setting(row, value)
            for row in plan.delete:
                service.project.delete_setting(row)
            if plan.credits:
                refresh_generated(service)
        return ChangeSet(
            settings=frozenset(plan.undo),
            regenerated=any(key.startswith(_CREDIT_TEMPLATE_KEYS) for key in plan.undo),
            undo=RestoreSettings(tuple(plan.undo.items())),
        )

    def remember_delivery(self, options: DeliveryOptions) -> ChangeSet:
        """Remember a delivery's options for the next one, as one write.

        Choices remembered, not an edit: the change set names the ``delivery.*`` settings
        that changed and has nothing to undo.

        Raises:
            ReadOnlyProjectError, ProjectOpenError: the project cannot be written.
        """
        from curator.core.delivery_planning.settings import DELIVERY_SETTING

        service = self._service
        row = options.to_dict()
        with service.store.transaction():
            stored = service.project.setting(DELIVERY_SETTING, {})
            before = stored if isinstance(stored, dict) else {}
            service.project.set_setting(DELIVERY_SETTING, row)
        changed = (name for name, value in row.items() if before.get(name) != value)
        return ChangeSet(settings=frozenset(f"{DELIVERY_SETTING}.{name}" for name in changed))
