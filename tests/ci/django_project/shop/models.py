from django.db import models


class Invoice(models.Model):
    number = models.CharField(max_length=20)
    currency = models.CharField(max_length=3, default="EUR")
    paid = models.BooleanField(null=True)
