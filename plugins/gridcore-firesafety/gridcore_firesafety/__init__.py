"""gridcore-firesafety: the fire-safety grid of a community (消防安全网格化管理).

Big grids (大网格) and their cells (单元格) with their staff, one archive per shop (一户一档),
inspections (小商铺检查登记表), hazards and their rectification, 安全办 spot checks and 两警一停 cases,
monthly reports due on the 26th, two-monthly briefings, rewards and penalties. Importing this package
costs nothing: the plugin module (:mod:`gridcore_firesafety.plugin`) imports models only in its hooks.
"""
