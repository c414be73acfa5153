"""The classroom: one Voilà server for the day's whole curriculum and a whole class.

    plan      the day's plan file (which notebooks, in which order)
    build     the classroom folder: trainee notebooks with the sign-in, and the manifest
    signin    the once-per-browser sign-in (anywidget) that sets :mod:`yingsu_training.identity`
    roster    the instructor's 名单.xlsx
    app       the server (Voilà with kernel pools, a cap, Chinese pages)

``make classroom`` runs ``python -m yingsu_training.classroom build`` then ``… serve``.
"""
