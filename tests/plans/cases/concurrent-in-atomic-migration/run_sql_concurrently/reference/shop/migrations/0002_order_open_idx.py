from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("shop", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX CONCURRENTLY shop_order_open_idx ON shop_order (created_at) WHERE status = 'new'",
            reverse_sql="DROP INDEX CONCURRENTLY shop_order_open_idx",
        ),
        migrations.RunSQL(
            "COMMENT ON TABLE shop_order IS 'orders'",
            reverse_sql="COMMENT ON TABLE shop_order IS NULL",
        ),
    ]
