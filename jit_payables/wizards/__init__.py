from . import account_payment_register, jit_bill_release
