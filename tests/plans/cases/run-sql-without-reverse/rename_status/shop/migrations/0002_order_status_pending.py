from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL("UPDATE shop_order SET status = 'pending' WHERE status = 'new'"),
    ]
