from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("shop", "0004_constraints")]

    operations = [
        migrations.RenameModel("Category", "Group"),
        migrations.RemoveIndex("product", "product_name_idx"),
        migrations.RemoveField("product", "owner"),
        migrations.DeleteModel("Customer"),
        migrations.RunSQL("SET lock_timeout = '5s'; UPDATE shop_product SET stock = 0 WHERE stock IS NULL;"),
    ]
