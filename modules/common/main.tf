# This module is pure logic: names.tf (naming rule), network.tf (subnet plan)
# and images.tf (default images). It declares no resources and no providers,
# so the real terraform binary can evaluate it offline in tests.
