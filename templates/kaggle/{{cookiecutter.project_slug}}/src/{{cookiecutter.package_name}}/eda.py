"""Summaries for the EDA notebook, and adversarial validation: can a model tell train from test?

If a classifier separates training rows from test rows well (AUC far above
0.5), the test set is distributed differently and CV scores may not carry over
to the leaderboard; the columns it relies on are the ones to look at.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from threadpoolctl import threadpool_limits

from {{ cookiecutter.package_name }}.config import SEED
from {{ cookiecutter.package_name }}.features import FeatureBuilder
from {{ cookiecutter.package_name }}.training import OPENMP_THREADS

SHIFT_WARNING = 0.7


def column_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Type, missing share and number of distinct values of each column."""
    return pd.DataFrame(
        {
            "dtype": frame.dtypes.astype(str),
            "missing": frame.isna().mean().round(3),
            "distinct": frame.nunique(),
        }
    )


def adversarial_auc(train: pd.DataFrame, test: pd.DataFrame) -> float:
    """Cross-validated AUC of telling test rows (1) from training rows (0) on the shared columns."""
    columns = [column for column in train.columns if column in test.columns]
    both = pd.concat([train[columns], test[columns]], ignore_index=True)
    is_test = np.r_[np.zeros(len(train)), np.ones(len(test))]
    features = FeatureBuilder("basic").fit(both, is_test).transform(both)
    model = HistGradientBoostingClassifier(max_iter=60, random_state=SEED)
    folds = StratifiedKFold(5, shuffle=True, random_state=SEED)
    with threadpool_limits(limits=OPENMP_THREADS, user_api="openmp"):
        chance = cross_val_predict(model, features, is_test, cv=folds, method="predict_proba")[:, 1]
    return float(roc_auc_score(is_test, chance))
