"""A fleet's facts, plans and verify results in one report (tfgpu-setup fleet report)."""
