import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lib", "0002_options")]

    operations = [
        migrations.AlterField(model_name="author", name="id", field=models.AutoField(primary_key=True, serialize=False)),
        migrations.AlterField(model_name="author", name="email", field=models.CharField(max_length=80, unique=True)),
        migrations.AlterField(model_name="tag", name="id", field=models.AutoField(primary_key=True, serialize=False)),
        migrations.RemoveIndex(model_name="author", name="author_name_idx"),
        migrations.RemoveConstraint(model_name="author", name="author_name_set"),
        migrations.RenameField(model_name="author", old_name="email", new_name="mail"),
        migrations.AddField(
            model_name="tag",
            name="owner",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="lib.author"),
        ),
        migrations.RenameModel(old_name="Author", new_name="Writer"),
        migrations.AddIndex(model_name="writer", index=models.Index(fields=["name"], name="writer_name_idx")),
        migrations.AlterField(model_name="writer", name="id", field=models.BigAutoField(primary_key=True, serialize=False)),
        migrations.RenameIndex(model_name="book", new_name="book_title_ix", old_name="book_title_idx"),
        migrations.AlterField(model_name="book", name="id", field=models.AutoField(primary_key=True, serialize=False)),
        migrations.AlterModelTable(name="tag", table="lib_labels"),
        migrations.AlterField(model_name="tag", name="id", field=models.BigAutoField(primary_key=True, serialize=False)),
        migrations.DeleteModel(name="Review"),
    ]
