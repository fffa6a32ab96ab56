"""Training, evaluation, figures and report on the bundled sample, end to end."""

from __future__ import annotations

import json
import math
import shutil

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import Ridge

from {{ cookiecutter.package_name }} import pipeline
from {{ cookiecutter.package_name }}.cli import main
from {{ cookiecutter.package_name }}.config import ID_COLUMN, TARGET, TEST_SIZE
from {{ cookiecutter.package_name }}.data import DataError, load_csv, split_features_target, train_test
from {{ cookiecutter.package_name }}.download import sha256
from {{ cookiecutter.package_name }}.evaluate import regression_metrics
from {{ cookiecutter.package_name }}.models import make_pipeline
from {{ cookiecutter.package_name }}.readme import END, START
from {{ cookiecutter.package_name }}.report import fill_readme


def test_selected_model_clearly_beats_the_mean_baseline(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    chosen, baseline = metrics["selected_metrics"], metrics["baseline"]
    assert chosen["rmse"] < 0.5 * baseline["rmse"]
    assert chosen["mae"] < 0.5 * baseline["mae"]
    assert chosen["r2"] > 0.7


def test_selection_uses_cross_validation_not_the_test_split(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    by_cv = min(metrics["models"], key=lambda name: metrics["models"][name]["cv_rmsle_mean"])
    assert metrics["selected"] == by_cv
    assert set(metrics["models"]) >= {"ridge", "lasso", "svr", "random_forest", "blend"}
    for model in metrics["models"].values():
        assert set(model["test"]) == {"rmse", "mae", "r2", "rmsle"}


def test_figures_and_report(trained_project):
    results = trained_project / "results"
    figures = sorted(path.name for path in results.glob("*.png"))
    assert figures == sorted(
        ["model_performance.png", "residuals.png", "feature_importance.png", "model_comparison.png"]
        + ["eda_target.png", "eda_missing.png", "eda_correlations.png", "eda_outliers.png"]
    )
    for name in figures:
        assert (results / name).read_bytes().startswith(b"\x89PNG")
    readme = (trained_project / "README.md").read_text("utf-8")
    section = readme.split(START)[1].split(END)[0]
    metrics = json.loads((results / "metrics.json").read_text("utf-8"))
    assert f"**{metrics['selected']}** (selected)" in section
    assert f"{metrics['selected_metrics']['rmse']:,.0f}" in section
    assert "![Predicted vs actual](results/model_performance.png)" in section
    assert readme.startswith("# ")  # the rest of the README is untouched


def test_report_needs_its_markers(trained, tmp_path):
    copy = type(trained)(tmp_path)
    shutil.copytree(trained.results, copy.results)
    copy.readme.write_text("# My project\n\nNo markers here.\n", encoding="utf-8")
    with pytest.raises(DataError, match="results:start"):
        fill_readme(copy)


def test_evaluate_refuses_data_changed_since_training(trained, tmp_path):
    copy = type(trained)(tmp_path)
    shutil.copytree(trained.root, tmp_path, dirs_exist_ok=True)
    with copy.sample_data.open("a", encoding="utf-8") as handle:
        handle.write(copy.sample_data.read_text("utf-8").splitlines()[1] + "\n")
    with pytest.raises(DataError, match="changed or vanished since training"):
        pipeline.evaluate(copy)


def test_steps_out_of_order_fail_with_one_line(project, capsys):
    assert main(["--root", str(project.root), "evaluate"]) == 1
    error = capsys.readouterr().err
    assert error.startswith("error: no trained model") and error.count("\n") == 1


def test_unknown_model_name_is_refused(project):
    with pytest.raises(DataError, match="no candidate model matches"):
        pipeline.train(project, only=["xgboostt"])


def test_metrics_json_follows_the_contract(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    assert metrics["schema_version"] == 1 and metrics["kind"] == "tabular"
    dataset = metrics["dataset"]
    assert dataset["synthetic"] is True and "synthetic" in dataset["name"]
    assert dataset["path"] == "data/sample/house_prices_sample.csv" and dataset["sha256"] == sha256(trained.sample_data)
    assert metrics["selected"] in metrics["models"]
    headline = metrics["headline"]
    assert headline["name"] == "rmsle" and headline["split"] == "test" and headline["direction"] == "lower"
    assert headline["value"] == metrics["models"][metrics["selected"]]["test"]["rmsle"]
    assert "seconds" not in metrics and json.loads(trained.timings.read_text("utf-8"))["seconds"] > 0


def test_train_and_test_rows_are_disjoint_and_the_test_split_is_whole(trained):
    """The model never saw a test house, and no test house was left out of the score."""
    bundle = pipeline.load_model(trained.model)
    frame = load_csv(trained.sample_data)
    train_ids, test_ids = set(bundle["train_ids"]), set(bundle["test_ids"])
    assert train_ids.isdisjoint(test_ids)
    assert len(test_ids) == math.ceil(TEST_SIZE * len(frame))
    assert train_ids | test_ids <= set(frame[ID_COLUMN])
    assert len(train_ids) == json.loads(trained.metrics.read_text("utf-8"))["train_rows"]


def test_reported_predictions_are_for_the_test_split(trained):
    bundle = pipeline.load_model(trained.model)
    table = pd.read_csv(trained.predictions)
    _, test = train_test(load_csv(trained.sample_data))
    assert table[ID_COLUMN].tolist() == test[ID_COLUMN].tolist() == bundle["test_ids"]
    assert set(table[ID_COLUMN]).isdisjoint(bundle["train_ids"])
    assert table["actual"].tolist() == test[TARGET].astype(float).tolist()


def test_metrics_recomputed_from_the_saved_predictions_match(trained):
    metrics = json.loads(trained.metrics.read_text("utf-8"))
    table = pd.read_csv(trained.predictions)
    actual, predicted = table["actual"].to_numpy(), table["predicted"].to_numpy()
    reported = metrics["selected_metrics"]
    assert reported["rmse"] == pytest.approx(np.sqrt(np.mean((actual - predicted) ** 2)), abs=0.05)
    assert reported["mae"] == pytest.approx(np.mean(np.abs(actual - predicted)), abs=0.05)
    assert reported["rmsle"] == pytest.approx(np.sqrt(np.mean(np.log(predicted / actual) ** 2)), abs=1e-3)
    assert reported == metrics["models"][metrics["selected"]]["test"]


def test_saved_model_reproduces_the_reported_predictions(trained):
    """models/model.pkl (what the API serves) is the model that was scored."""
    bundle = pipeline.load_model(trained.model)
    X_test, _ = pipeline.test_split(trained, bundle)  # noqa: N806
    table = pd.read_csv(trained.predictions)
    np.testing.assert_allclose(bundle["pipeline"].predict(X_test), table["predicted"], atol=0.01)


def test_metrics_on_known_values():
    metrics = regression_metrics([100.0, 200.0, 300.0, 400.0], [110.0, 190.0, 330.0, 400.0])
    assert metrics["mae"] == 12.5
    assert metrics["rmse"] == pytest.approx(np.sqrt((100 + 100 + 900) / 4), abs=0.01)
    assert metrics["r2"] == pytest.approx(1 - 1100 / 50000, abs=1e-4)


def test_the_model_answers_in_dollars(project):
    """Trained on log prices, the pipeline still predicts prices, not logs."""
    X, y = split_features_target(load_csv(project.sample_data))  # noqa: N806
    predicted = make_pipeline(Ridge()).fit(X, y).predict(X.head(50))
    assert 0.8 < float(np.median(predicted / y.head(50))) < 1.25


def test_the_test_split_keeps_every_row_even_odd_sales(project):
    """The outlier rule is for training only: a huge cheap sale in the test split is still scored."""
    frame = load_csv(project.sample_data)
    _, test = train_test(frame)
    odd = test[ID_COLUMN].iloc[0]
    frame.loc[frame[ID_COLUMN] == odd, ["GrLivArea", TARGET]] = [5500, 40_000]
    project.raw_data.parent.mkdir(parents=True)
    frame.to_csv(project.raw_data, index=False)
    bundle = {"data": {"path": "data/raw/house_prices.csv", "sha256": sha256(project.raw_data)}}
    rows = pipeline.held_out_rows(project, bundle)
    assert rows[ID_COLUMN].tolist() == test[ID_COLUMN].tolist()
    assert len(rows) == math.ceil(TEST_SIZE * len(frame))
