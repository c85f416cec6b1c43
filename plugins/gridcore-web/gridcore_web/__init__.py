"""gridcore-web: the browser face of gridcore (网页版).

Importing the package costs nothing: Flask and the views are imported only when ``gridcore serve``
runs or a test builds the web application (:func:`gridcore_web.factory.create_app`). Plugins add pages
through the ``register_pages`` hook (:mod:`gridcore_web.pages`).
"""
