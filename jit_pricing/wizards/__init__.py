from . import (
    jit_margin_override_wizard,
    jit_pricing_whatif_line,
    jit_pricing_whatif_wizard,
)
