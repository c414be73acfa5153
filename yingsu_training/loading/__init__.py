"""The loader's stages, in the order a file goes through them: :mod:`.read` (file → grid of
cells), :mod:`.headers` (header row → contract columns), :mod:`.cells` (cells → typed columns),
:mod:`.validate` (typed records → problems). :mod:`yingsu_training.loaders` runs them."""
