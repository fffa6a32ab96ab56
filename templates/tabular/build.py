"""The tabular kind's derived file: its bundled sample of synthetic houses in the Ames schema.

The real data (De Cock's Ames house prices, the Kaggle/OpenML `house_prices`
table) cannot be redistributed inside every generated project, and nothing in CI
reaches the internet. This makes a deterministic stand-in with the same 81
columns, the same category codes, "NA" for absent features and a sale price
driven by the variables that matter in the real data, so the pipeline, notebooks
and tests run offline.

scripts/sync.py calls :func:`build`. Writing regenerates the file; checking
validates the committed file by its schema and statistics, not its bytes, which
depend on NumPy's random stream and so on the NumPy version.
"""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd

TARGET = Path(__file__).resolve().parent / "{{cookiecutter.project_slug}}/data/sample/house_prices_sample.csv"
ROWS = 400
SEED = 20_061

QUALITY = ["Ex", "Gd", "TA", "Fa", "Po"]
NEIGHBORHOODS = {  # name -> price effect on the log scale
    "NoRidge": 0.35,
    "NridgHt": 0.33,
    "StoneBr": 0.32,
    "Timber": 0.18,
    "Veenker": 0.17,
    "Somerst": 0.15,
    "ClearCr": 0.13,
    "Crawfor": 0.12,
    "CollgCr": 0.08,
    "Blmngtn": 0.07,
    "Gilbert": 0.04,
    "NWAmes": 0.03,
    "SawyerW": 0.02,
    "Mitchel": -0.02,
    "NAmes": -0.05,
    "NPkVill": -0.06,
    "SWISU": -0.10,
    "Blueste": -0.10,
    "Sawyer": -0.11,
    "OldTown": -0.18,
    "Edwards": -0.17,
    "BrkSide": -0.18,
    "BrDale": -0.22,
    "IDOTRR": -0.28,
    "MeadowV": -0.30,
}


def choice(rng: np.random.Generator, levels: list, n: int, p: list[float] | None = None) -> np.ndarray:
    """Draw n category codes, with probabilities p (uniform when None)."""
    weights = None if p is None else np.asarray(p, dtype=float) / np.sum(p)
    return rng.choice(np.asarray(levels, dtype=object), size=n, p=weights)


def make_sample(rows: int = ROWS, seed: int = SEED) -> pd.DataFrame:
    """Return the synthetic sample, identical for the same rows and seed."""
    rng = np.random.default_rng(seed)
    n = rows
    neighborhood = choice(rng, list(NEIGHBORHOODS), n)
    hood_effect = np.array([NEIGHBORHOODS[h] for h in neighborhood])
    qual = np.clip(np.round(5.6 + 1.3 * rng.standard_normal(n) + 3 * hood_effect), 1, 10).astype(int)
    cond = np.clip(np.round(5.5 + 1.1 * rng.standard_normal(n)), 1, 9).astype(int)
    year_built = np.clip(np.round(1972 + 10 * (qual - 5.6) + 22 * rng.standard_normal(n)), 1872, 2009).astype(int)
    yr_sold = rng.integers(2006, 2011, n)
    year_built = np.minimum(year_built, yr_sold)
    remodeled = rng.random(n) < 0.45
    year_remod = np.where(remodeled, np.minimum(yr_sold, year_built + rng.integers(0, 40, n)), year_built)
    year_remod = np.maximum(year_remod, 1950)
    style = choice(
        rng, ["1Story", "2Story", "1.5Fin", "SLvl", "SFoyer", "1.5Unf", "2.5Unf"], n, [50, 30, 10, 4, 3, 2, 1]
    )
    first_flr = np.round(np.clip(700 + 110 * qual + 220 * rng.standard_normal(n), 400, 3200)).astype(int)
    two_story = np.isin(style, ["2Story", "2.5Unf"])
    second_flr = np.where(
        two_story,
        np.round(first_flr * rng.uniform(0.6, 1.0, n)),
        np.where(style == "1.5Fin", np.round(first_flr * 0.45), 0),
    ).astype(int)
    low_qual = np.where(rng.random(n) < 0.02, rng.integers(50, 400, n), 0)
    gr_liv = first_flr + second_flr + low_qual
    has_bsmt = rng.random(n) > 0.03
    total_bsmt = np.where(has_bsmt, np.round(first_flr * rng.uniform(0.7, 1.05, n)), 0).astype(int)
    fin_type1 = np.where(
        has_bsmt, choice(rng, ["GLQ", "ALQ", "BLQ", "Rec", "LwQ", "Unf"], n, [30, 15, 10, 10, 5, 30]), None
    )
    fin_sf1 = np.where(fin_type1 == "Unf", 0, np.round(total_bsmt * rng.uniform(0.3, 0.9, n))).astype(int)
    fin_sf1 = np.where(has_bsmt, fin_sf1, 0)
    fin_type2 = np.where(has_bsmt, choice(rng, ["Unf", "Rec", "LwQ", "BLQ"], n, [88, 5, 4, 3]), None)
    fin_sf2 = np.where(fin_type2 == "Unf", 0, np.round((total_bsmt - fin_sf1) * 0.3)).astype(int)
    fin_sf2 = np.where(has_bsmt, fin_sf2, 0)
    unf_sf = total_bsmt - fin_sf1 - fin_sf2
    garage_cars = np.where(rng.random(n) < 0.05, 0, np.clip(np.round(qual / 3 + rng.normal(0, 0.6, n)), 1, 4))
    garage_cars = garage_cars.astype(int)
    has_garage = garage_cars > 0
    fireplaces = np.clip(np.round((qual - 4) / 3 + rng.normal(0, 0.6, n)), 0, 3).astype(int)
    full_bath = np.clip(np.round(gr_liv / 1100 + rng.normal(0, 0.4, n)), 1, 3).astype(int)
    half_bath = (rng.random(n) < np.where(two_story, 0.6, 0.25)).astype(int)
    bedrooms = np.clip(np.round(gr_liv / 550 + rng.normal(0, 0.6, n)), 1, 6).astype(int)
    rooms = np.clip(bedrooms + 3 + np.round(rng.normal(0, 0.8, n)), 3, 14).astype(int)
    lot_area = np.round(np.exp(rng.normal(9.1, 0.35, n))).astype(int)
    pool_area = np.where(rng.random(n) < 0.01, rng.integers(400, 700, n), 0)
    mas_type = choice(rng, ["None", "BrkFace", "Stone", "BrkCmn"], n, [58, 30, 10, 2])
    mas_area = np.where(mas_type == "None", 0, np.round(rng.gamma(2.0, 90, n))).astype(float)
    sale_condition = choice(
        rng, ["Normal", "Partial", "Abnorml", "Family", "Alloca", "AdjLand"], n, [82, 9, 6, 1.5, 1, 0.5]
    )
    sale_type = np.where(
        sale_condition == "Partial",
        "New",
        choice(rng, ["WD", "COD", "ConLD", "ConLI", "CWD", "ConLw", "Con", "Oth"], n, [90, 3, 2, 1, 1, 1, 1, 1]),
    )
    kitchen_qual = np.where(qual >= 8, "Ex", np.where(qual >= 6, "Gd", np.where(qual >= 4, "TA", "Fa")))
    exter_qual = np.where(qual >= 9, "Ex", np.where(qual >= 7, "Gd", np.where(qual >= 4, "TA", "Fa")))
    bsmt_qual = np.where(has_bsmt, exter_qual, None)
    garage_type = np.where(
        has_garage,
        choice(rng, ["Attchd", "Detchd", "BuiltIn", "Basment", "CarPort", "2Types"], n, [60, 27, 7, 2, 2, 2]),
        None,
    )
    garage_year = np.where(has_garage, np.maximum(year_built, year_built + rng.integers(-2, 10, n)), np.nan)
    garage_year = np.where(has_garage, np.minimum(garage_year, yr_sold), np.nan)
    garage_area = np.where(has_garage, np.round(garage_cars * rng.normal(260, 35, n)), 0).astype(int)
    lot_frontage = np.where(rng.random(n) < 0.18, np.nan, np.round(np.sqrt(lot_area) * rng.uniform(0.6, 0.9, n)))

    log_price = (
        11.95
        + 0.085 * (qual - 6)
        + 0.030 * (cond - 5)
        + 0.42 * np.log(gr_liv / 1500)
        + 0.10 * total_bsmt / 1000
        + 0.0022 * (year_built - 1972)
        + 0.0015 * (year_remod - 1985)
        + 0.045 * garage_cars
        + 0.035 * fireplaces
        + 0.06 * np.log(lot_area / 9000)
        + hood_effect
        + np.where(sale_condition == "Abnorml", -0.10, 0.0)
        + np.where(sale_condition == "Partial", 0.06, 0.0)
        + rng.normal(0, 0.09, n)
    )
    sale_price = np.round(np.exp(log_price) / 100).astype(int) * 100
    # De Cock's note: a few very large partial sales sold cheaply; keep two such outliers.
    big = np.argsort(gr_liv)[-2:]
    gr_liv[big] = gr_liv[big] + 2200
    first_flr[big] = first_flr[big] + 2200
    sale_price[big] = np.minimum(sale_price[big], 185_000)

    def absent(flag: np.ndarray, levels: list, p: list[float] | None = None) -> np.ndarray:
        return np.where(flag, choice(rng, levels, n, p), None)

    frame = pd.DataFrame(
        {
            "Id": np.arange(1, n + 1),
            "MSSubClass": np.where(two_story, 60, np.where(style == "1.5Fin", 50, 20)),
            "MSZoning": choice(rng, ["RL", "RM", "FV", "RH", "C (all)"], n, [78, 15, 4, 2, 1]),
            "LotFrontage": lot_frontage,
            "LotArea": lot_area,
            "Street": choice(rng, ["Pave", "Grvl"], n, [99.5, 0.5]),
            "Alley": absent(rng.random(n) < 0.06, ["Grvl", "Pave"]),
            "LotShape": choice(rng, ["Reg", "IR1", "IR2", "IR3"], n, [63, 33, 3, 1]),
            "LandContour": choice(rng, ["Lvl", "Bnk", "HLS", "Low"], n, [90, 4, 4, 2]),
            "Utilities": "AllPub",
            "LotConfig": choice(rng, ["Inside", "Corner", "CulDSac", "FR2", "FR3"], n, [72, 18, 6, 3, 1]),
            "LandSlope": choice(rng, ["Gtl", "Mod", "Sev"], n, [95, 4, 1]),
            "Neighborhood": neighborhood,
            "Condition1": choice(rng, ["Norm", "Feedr", "Artery", "RRAn", "PosN"], n, [86, 6, 4, 2, 2]),
            "Condition2": choice(rng, ["Norm", "Feedr"], n, [99, 1]),
            "BldgType": choice(rng, ["1Fam", "TwnhsE", "Duplex", "Twnhs", "2fmCon"], n, [84, 8, 4, 2, 2]),
            "HouseStyle": style,
            "OverallQual": qual,
            "OverallCond": cond,
            "YearBuilt": year_built,
            "YearRemodAdd": year_remod,
            "RoofStyle": choice(rng, ["Gable", "Hip", "Flat", "Gambrel"], n, [78, 19, 2, 1]),
            "RoofMatl": choice(rng, ["CompShg", "Tar&Grv", "WdShngl"], n, [98, 1, 1]),
            "Exterior1st": choice(rng, ["VinylSd", "HdBoard", "MetalSd", "Wd Sdng", "Plywood", "CemntBd"], n),
            "Exterior2nd": choice(rng, ["VinylSd", "HdBoard", "MetalSd", "Wd Sdng", "Plywood", "CmentBd"], n),
            "MasVnrType": mas_type,
            "MasVnrArea": mas_area,
            "ExterQual": exter_qual,
            "ExterCond": choice(rng, ["TA", "Gd", "Fa"], n, [88, 10, 2]),
            "Foundation": np.where(year_built > 1980, "PConc", choice(rng, ["CBlock", "BrkTil", "Slab"], n, [6, 3, 1])),
            "BsmtQual": bsmt_qual,
            "BsmtCond": absent(has_bsmt, ["TA", "Gd", "Fa"], [90, 5, 5]),
            "BsmtExposure": absent(has_bsmt, ["No", "Av", "Gd", "Mn"], [65, 15, 10, 10]),
            "BsmtFinType1": fin_type1,
            "BsmtFinSF1": fin_sf1,
            "BsmtFinType2": fin_type2,
            "BsmtFinSF2": fin_sf2,
            "BsmtUnfSF": unf_sf,
            "TotalBsmtSF": total_bsmt,
            "Heating": choice(rng, ["GasA", "GasW", "Grav"], n, [97, 2, 1]),
            "HeatingQC": np.where(year_remod > 1990, "Ex", choice(rng, QUALITY[:4], n, [30, 20, 45, 5])),
            "CentralAir": choice(rng, ["Y", "N"], n, [93, 7]),
            "Electrical": choice(rng, ["SBrkr", "FuseA", "FuseF"], n, [91, 7, 2]),
            "1stFlrSF": first_flr,
            "2ndFlrSF": second_flr,
            "LowQualFinSF": low_qual,
            "GrLivArea": gr_liv,
            "BsmtFullBath": np.where(has_bsmt & (fin_sf1 > 400), (rng.random(n) < 0.7).astype(int), 0),
            "BsmtHalfBath": (rng.random(n) < 0.05).astype(int),
            "FullBath": full_bath,
            "HalfBath": half_bath,
            "BedroomAbvGr": bedrooms,
            "KitchenAbvGr": np.where(rng.random(n) < 0.04, 2, 1),
            "KitchenQual": kitchen_qual,
            "TotRmsAbvGrd": rooms,
            "Functional": choice(rng, ["Typ", "Min1", "Min2", "Mod", "Maj1"], n, [93, 2, 2, 2, 1]),
            "Fireplaces": fireplaces,
            "FireplaceQu": np.where(
                fireplaces > 0, choice(rng, ["Gd", "TA", "Fa", "Ex", "Po"], n, [45, 40, 5, 5, 5]), None
            ),
            "GarageType": garage_type,
            "GarageYrBlt": garage_year,
            "GarageFinish": absent(has_garage, ["Unf", "RFn", "Fin"], [44, 31, 25]),
            "GarageCars": garage_cars,
            "GarageArea": garage_area,
            "GarageQual": absent(has_garage, ["TA", "Fa", "Gd"], [94, 4, 2]),
            "GarageCond": absent(has_garage, ["TA", "Fa", "Gd"], [95, 3, 2]),
            "PavedDrive": choice(rng, ["Y", "N", "P"], n, [92, 6, 2]),
            "WoodDeckSF": np.where(rng.random(n) < 0.48, np.round(rng.gamma(2, 90, n)), 0).astype(int),
            "OpenPorchSF": np.where(rng.random(n) < 0.55, np.round(rng.gamma(2, 35, n)), 0).astype(int),
            "EnclosedPorch": np.where(rng.random(n) < 0.14, np.round(rng.gamma(3, 40, n)), 0).astype(int),
            "3SsnPorch": np.where(rng.random(n) < 0.02, rng.integers(100, 300, n), 0),
            "ScreenPorch": np.where(rng.random(n) < 0.08, rng.integers(90, 260, n), 0),
            "PoolArea": pool_area,
            "PoolQC": np.where(pool_area > 0, choice(rng, ["Ex", "Gd", "Fa"], n), None),
            "Fence": absent(rng.random(n) < 0.19, ["MnPrv", "GdPrv", "GdWo", "MnWw"], [60, 20, 17, 3]),
            "MiscFeature": absent(rng.random(n) < 0.04, ["Shed", "Gar2", "Othr"], [90, 5, 5]),
            "MiscVal": 0,
            "MoSold": rng.integers(1, 13, n),
            "YrSold": yr_sold,
            "SaleType": sale_type,
            "SaleCondition": sale_condition,
            "SalePrice": sale_price,
        }
    )
    has_misc = frame["MiscFeature"].notna()
    frame.loc[has_misc, "MiscVal"] = rng.integers(200, 2500, int(has_misc.sum()))
    return frame


def to_csv(frame: pd.DataFrame) -> str:
    """Serialise as the Kaggle file does: "NA" for absent values, integers without .0."""
    return frame.to_csv(index=False, na_rep="NA", float_format="%.0f", lineterminator="\n")


def problems(text: str) -> list[str]:
    """What is wrong with a sample file's text, judged by schema and statistics."""
    expected = make_sample(rows=20)
    try:
        frame = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=["NA"])
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        return [f"the sample is not a readable CSV: {error}"]
    found = []
    if list(frame.columns) != list(expected.columns):
        return ["the sample's columns are not the 81 Kaggle columns in order: regenerate it"]
    if len(frame) != ROWS or frame["Id"].tolist() != list(range(1, ROWS + 1)):
        found.append(f"the sample must have {ROWS} rows with Ids 1..{ROWS}")
    for column in expected.columns:
        numeric = pd.api.types.is_numeric_dtype(expected[column])
        if numeric != pd.api.types.is_numeric_dtype(frame[column]):
            found.append(f"column {column} should be {'numeric' if numeric else 'categorical'}")
    price = frame["SalePrice"]
    if not (price > 0).all() or not 120_000 <= price.median() <= 250_000:
        found.append("SalePrice must be positive with a median between 120,000 and 250,000 (Ames: 163,000)")
    signal = np.corrcoef(np.log(price), frame["OverallQual"])[0, 1]
    if signal < 0.6:
        found.append(f"log SalePrice should follow OverallQual (correlation {signal:.2f} < 0.6)")
    return found


def build(*, check: bool) -> list[str]:
    """Write the sample, or check the committed one; return the problems found."""
    if not check:
        TARGET.write_text(to_csv(make_sample()), encoding="utf-8")
        return []
    if not TARGET.exists():
        return [f"{TARGET.name} is missing: run python scripts/sync.py"]
    return [f"{TARGET.name}: {problem}" for problem in problems(TARGET.read_text("utf-8"))]
