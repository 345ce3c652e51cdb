"""Create an editor: a staff account in the Editors group, able to log into admin and use the API.

The password is asked for twice on the terminal, or read from $EDITOR_PASSWORD for scripts (so it never
appears on a command line or in shell history). It must pass the project's password validators.
"""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse

from editorial.roles import sync_editors_group

PASSWORD_ENV = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = f"Create an editor account (staff, in the Editors group). Password: prompted, or ${PASSWORD_ENV}."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="", help="The editor's email address.")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive", help=f"Never prompt: ${PASSWORD_ENV} must be set."
        )

    def handle(self, username, email="", interactive=True, **options):
        User = get_user_model()
        username = username.strip()
        try:
            User.username_validator(username)
            if email:
                validate_email(email)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if User._default_manager.filter(username__iexact=username).exists():
            raise CommandError(f"A user named '{username}' already exists; choose another username.")

        user = User(username=username, email=email, is_staff=True)
        password = self.get_password(interactive)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError("Password rejected: " + " ".join(exc.messages)) from exc
        user.set_password(password)

        with transaction.atomic():
            user.save()
            user.groups.add(sync_editors_group())
        self.stdout.write(
            self.style.SUCCESS(f"Editor '{username}' created. They can log in at {reverse('admin:index')}.")
        )

    def get_password(self, interactive):
        password = os.environ.get(PASSWORD_ENV)
        if password is not None:
            return password
        if not interactive:
            raise CommandError(f"No password: set ${PASSWORD_ENV} or run the command interactively.")
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        if not password:
            raise CommandError("The password may not be empty.")
        return password
