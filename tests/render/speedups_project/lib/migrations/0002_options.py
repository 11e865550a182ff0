from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("lib", "0001_initial")]

    operations = [
        migrations.AddIndex(model_name="author", index=models.Index(fields=["name"], name="author_name_idx")),
        migrations.AddConstraint(
            model_name="author",
            constraint=models.CheckConstraint(condition=models.Q(("name__gt", "")), name="author_name_set"),
        ),
        migrations.AlterModelOptions(name="author", options={"ordering": ["name"]}),
        migrations.AddField(model_name="author", name="bio", field=models.TextField(default="")),
        migrations.AlterUniqueTogether(name="book", unique_together={("title", "author")}),
        migrations.AddField(model_name="tag", name="label", field=models.CharField(max_length=20, default="x")),
        migrations.AddIndex(model_name="book", index=models.Index(fields=["title"], name="book_title_idx")),
    ]
