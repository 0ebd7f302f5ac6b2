"""The rules every figure follows, each in one place: the percent delta of a computed from a
published length, a missing number as ``None``, rounding (of whole arrays as :func:`round`
rounds one float) and coordinates rounded for output.

Pure functions of numbers; the library, the map and the command line all call these, so the
map, the exports and ``caspian metrics``/``check``/``refine`` cannot disagree.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

_Value = TypeVar("_Value")


def delta_pct(
    computed_km: npt.ArrayLike, published_km: npt.ArrayLike
) -> npt.NDArray[np.float64]:
    """Signed difference of computed from published lengths, in percent of the published.

    ``100 * (computed - published) / published``, element-wise; NaN where the published
    length is not a positive number or the computed one is missing.

    Parameters
    ----------
    computed_km, published_km : array_like of float
        Lengths in kilometres (any unit, as long as both share it); broadcast together.

    Returns
    -------
    numpy.ndarray of float
        Percent; negative where the computed length is the shorter.
    """
    # slow import: numpy (the command line's tables format figures without it)
    import numpy as np

    computed = np.asarray(computed_km, dtype=float)
    published = np.asarray(published_km, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(published > 0, 100.0 * (computed - published) / published, np.nan)


def delta_pct_or_none(computed_km: Any, published_km: Any) -> float | None:
    """:func:`delta_pct` of one pair, or None where it has no value: a published figure that
    is text (``"about 1,700"``), missing, zero or negative, or a computed length missing."""
    numbers = [value for value in (computed_km, published_km)
               if isinstance(value, (int, float)) and not isinstance(value, bool)]
    if len(numbers) < 2:
        return None
    return none_if_missing(float(delta_pct(computed_km, published_km)))


def none_if_missing(value: _Value) -> _Value | None:
    """``value``, or None where it is a float that is NaN or infinite (a missing number).

    JSON, CSV cells and popups show a missing number as nothing; everything that is not a
    float (``None``, text, lists, mappings) passes unchanged.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def round_as_python(values: npt.ArrayLike, decimals: int) -> npt.NDArray[np.float64]:
    """Every value rounded to ``decimals`` places exactly as :func:`round` rounds a float,
    for a whole array at once; NaN and infinities stay as they are.

    :func:`round` rounds the exact binary value half to even and returns the float nearest
    the decimal result. ``numpy.round`` multiplies by ``10**decimals`` first, and that
    product's own rounding can carry a value across a half: numpy rounds the values whose
    product lies clear of every half, and :func:`round` the few within two units in its
    last place of one (and any too large for the product to hold its integer part exactly).

    Parameters
    ----------
    values : array_like of float
        Any numbers (kilometres, percent).
    decimals : int
        Decimal places, 0 to 15.

    Returns
    -------
    numpy.ndarray of float
        The rounded values, bit for bit those of :func:`round`.
    """
    if not 0 <= decimals <= 15:
        raise ValueError(f"decimals must be 0 to 15, not {decimals}")
    # slow import: numpy
    import numpy as np

    array = np.asarray(values, dtype=float)
    scale = 10.0**decimals
    with np.errstate(over="ignore", invalid="ignore"):
        scaled = array * scale
        rounded = np.rint(scaled) / scale
        clear = (np.abs(scaled) < 2.0**52) & (
            np.abs(np.abs(scaled - np.floor(scaled)) - 0.5) > 2 * np.abs(np.spacing(scaled)))
    doubtful = np.flatnonzero(~clear)
    rounded[doubtful] = [round(value, decimals) for value in array[doubtful].tolist()]
    return rounded


def round_coordinate(value: float, decimals: int) -> float:
    """``value`` rounded to ``decimals`` places (correctly, as :func:`round`), never ``-0.0``.

    A coordinate that rounds to zero from below would otherwise be written ``-0.0``.
    """
    rounded = round(float(value), decimals)
    return 0.0 if rounded == 0 else rounded


def round_coordinates(coords: Any, decimals: int) -> Any:
    """Every number in ``coords`` rounded by :func:`round_coordinate`.

    Parameters
    ----------
    coords : float, nested sequences of float, or numpy.ndarray
        GeoJSON ``coordinates`` (any depth) or an array of positions.
    decimals : int
        Decimal places (degrees: 5 places is about 1 m).

    Returns
    -------
    float, nested lists of float, or numpy.ndarray
        Lists for sequences; an array of the same shape for an array.
    """
    # an array can only be given once numpy is imported
    numpy = sys.modules.get("numpy")
    if numpy is not None and isinstance(coords, numpy.ndarray):
        flat = [round_coordinate(value, decimals) for value in coords.ravel().tolist()]
        return numpy.array(flat, dtype=float).reshape(coords.shape)
    if isinstance(coords, (list, tuple)):
        return [round_coordinates(item, decimals) for item in coords]
    return round_coordinate(coords, decimals)


def round_geometry(geometry: Mapping[str, Any], decimals: int) -> dict[str, Any]:
    """A GeoJSON geometry with every coordinate rounded by :func:`round_coordinate`.

    Parameters
    ----------
    geometry : mapping
        A GeoJSON geometry (``GeometryCollection`` members are rounded in turn).
    decimals : int
        Decimal places of degrees.
    """
    if geometry["type"] == "GeometryCollection":
        members = [round_geometry(member, decimals) for member in geometry["geometries"]]
        return {"type": "GeometryCollection", "geometries": members}
    return {"type": geometry["type"],
            "coordinates": round_coordinates(geometry["coordinates"], decimals)}
