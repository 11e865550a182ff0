import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("name", models.CharField(max_length=100)),
                ("email", models.CharField(max_length=50, unique=True)),
            ],
        ),
        migrations.CreateModel(
            name="Tag",
            fields=[("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False))],
        ),
        migrations.CreateModel(
            name="Book",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("title", models.CharField(max_length=100)),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="lib.author")),
                ("tags", models.ManyToManyField(to="lib.tag")),
            ],
        ),
        migrations.CreateModel(
            name="Review",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("book", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="lib.book")),
                ("by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="lib.author", to_field="email")),
            ],
        ),
    ]
