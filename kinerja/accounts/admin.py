"""Accounts, employees and assignments for admins. Saves go through the services so that the
NIP check, the one-definitive-holder rule and the audit apply here too."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from kinerja.accounts.models import Assignment, Employee, User
from kinerja.accounts.services import (
    assignment_check,
    assignment_create,
    assignment_end,
    employee_save,
)


@admin.register(User)
class KinerjaUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Pegawai", {"fields": ("employee",)}))
    list_display = ["username", "first_name", "employee", "is_staff", "is_active"]
    autocomplete_fields = ["employee"]

    def save_model(self, request, obj, form, change) -> None:
        """Saved as the form says, then audited: who may log in, reach the admin, or act for
        which employee decides everything else (issue #12)."""
        from kinerja.accounts.services import USER_AUDITED
        from kinerja.audit.services import audit_record, snapshot

        before = snapshot(User.objects.get(pk=obj.pk), USER_AUDITED) if change else None
        super().save_model(request, obj, form, change)
        after = snapshot(obj, USER_AUDITED)
        if before != after:
            audit_record(
                actor=request.user,
                action="pengguna.ubah" if change else "pengguna.buat",
                obj=obj,
                before=before,
                after=after,
                reason="admin Django",
            )


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 0
    can_delete = False
    fields = ["position", "kind", "starts_on", "ends_on", "reference"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["full_name", "nip", "grade", "agency"]
    search_fields = ["name", "nip"]
    list_filter = ["agency", "grade"]
    inlines = [AssignmentInline]

    def save_model(self, request, obj, form, change) -> None:
        saved = employee_save(
            actor=request.user,
            agency=obj.agency,
            nip=obj.nip,
            name=obj.name,
            front_title=obj.front_title,
            back_title=obj.back_title,
            grade=obj.grade,
        )
        obj.pk = saved.pk


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["employee", "position", "kind", "starts_on", "ends_on", "reference"]

    def clean(self):
        data = super().clean()
        if self.instance.pk is None and not self.errors:
            assignment_check(
                employee=data["employee"],
                position=data["position"],
                kind=data["kind"],
                starts_on=data["starts_on"],
                ends_on=data.get("ends_on"),
            )
        return data


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    form = AssignmentForm
    list_display = ["position", "employee", "kind", "starts_on", "ends_on"]
    list_filter = ["kind", "position__decree"]
    search_fields = ["employee__name", "employee__nip", "position__name"]
    autocomplete_fields = ["employee"]
    list_select_related = ["position", "employee"]

    def get_readonly_fields(self, request, obj=None):
        # History is kept: once made, an assignment can only be ended.
        if obj is not None:
            return ["employee", "position", "kind", "starts_on", "reference"]
        return []

    def save_model(self, request, obj, form, change) -> None:
        if change:
            if "ends_on" in form.changed_data and obj.ends_on:
                assignment_end(actor=request.user, assignment=obj, ends_on=obj.ends_on)
            return
        created = assignment_create(
            actor=request.user,
            employee=obj.employee,
            position=obj.position,
            kind=obj.kind,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            reference=obj.reference,
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
