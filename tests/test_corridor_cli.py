"""``caspian route FROM TO --mode corridor`` over the catalog: the Caspian crossing, the BTK
gauge break, the Zangezur alternative, place names in two scripts, and bad input."""

from __future__ import annotations

import json

import pytest
from cli_support import run_cli


@pytest.fixture(scope="module")
def aktau_kars(tmp_path_factory):
    """The JSON answer of Aktau to Kars with two alternatives (built once for the module)."""
    from caspian.maps.cli.main import main

    out = tmp_path_factory.mktemp("corridor") / "route.geojson"
    captured = []

    def run(argv):
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer), contextlib.suppress(SystemExit):
            main(argv)
        captured.append(buffer.getvalue())
        return buffer.getvalue()

    latin = json.loads(run(["route", "Aktau", "Kars", "--mode", "corridor", "--alternatives",
                            "2", "--format", "json", "-o", str(out)]))
    cyrillic = json.loads(run(["route", "Актау", "Карс", "--mode", "corridor",
                               "--alternatives", "2", "--format", "json"]))
    return latin, cyrillic, json.loads(out.read_text(encoding="utf-8"))


def test_both_spellings_give_the_same_answer(aktau_kars) -> None:
    latin, cyrillic, _ = aktau_kars
    assert latin == cyrillic


def test_the_best_route_crosses_the_caspian_and_runs_btk_with_its_gauge_break(aktau_kars) -> None:
    best = aktau_kars[0]["routes"][0]
    modes = [leg["mode"] for leg in best["legs"]]
    assert modes == ["sea", "transfer", "rail", "transfer", "rail"]
    assert best["legs"][0]["feature"] == "middle_corridor/aktau-alat"
    assert {leg["feature"] for leg in best["legs"] if leg["mode"] == "rail"} == {
        "middle_corridor/btk"}
    kinds = [(t["kind"], t.get("gauges")) for t in best["transfers"]]
    assert kinds == [("port", None), ("gauge", "1520/1435")]
    assert best["transfers"][1]["place"] == "Akhalkalaki gauge-change yard"
    assert [(b["from"], b["to"]) for b in best["borders"]] == [
        ("KAZ", "AZE"), ("AZE", "GEO"), ("GEO", "TUR")]
    assert best["gaps"] == [] and best["not_operating_km"] == 0.0
    # The ferry leg and the BTK leg as the catalog draws them (lengths measured there).
    assert best["by_mode_km"]["sea"] == pytest.approx(best["legs"][0]["length_km"])
    assert 700 < best["by_mode_km"]["rail"] < 850  # BTK 826 km published, from Baku


def test_the_zangezur_route_comes_second_and_is_compared(aktau_kars) -> None:
    routes = aktau_kars[0]["routes"]
    assert len(routes) == 2
    second = routes[1]
    features = [leg["feature"] for leg in second["legs"] if leg["mode"] == "rail"]
    assert "zangezur_corridor/alat-horadiz" in features
    assert "zangezur_corridor/syunik" in features and "zangezur_corridor/nakhchivan" in features
    assert any(t.get("gauges") == "1520/1435" for t in second["transfers"])
    assert second["by_status_km"]["planned"] > 0 and second["not_operating_km"] > 0
    gaps = {gap["between"] for gap in second["gaps"]}
    assert "zangezur_corridor/nakhchivan – zangezur_corridor/kars-dilucu" in gaps
    compared = second["compared_with_best"]
    assert compared["length_km"] == pytest.approx(second["length_km"] - routes[0]["length_km"],
                                                  abs=0.11)
    # The Aktau–Alat crossing penalised, the second route sails from Kuryk (428.0 km of water
    # path against the catalog's 471.8 km) after reversing at Mangystau station.
    assert compared["by_mode_km"]["sea"] == pytest.approx(428.0 - 471.8, abs=0.11)
    assert second["transfers"][0] == {"kind": "reversal", "place": "Маңғыстау",
                                      "length_km": 0.0}


def test_a_train_from_aktau_port_to_kuryk_reverses_at_mangystau(capsys) -> None:
    # Both ports' branches leave Mangystau station on one side: no train runs from one to
    # the other without reversing there. Before reversals in stations, the operating track
    # gave 1,881.9 km, a 1,790.8 km run out along the trunk and back to turn. The Kuryk leg
    # counts the 178 m from its line's drawn start to the station node it is joined to
    # (74.1 km and 91.2 km before that join was counted).
    code, out, err = run_cli(["route", "aktau_port/aktau", "kuryk_port/kuryk", "--mode",
                              "corridor", "--status", "operating", "--format", "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert [(leg["mode"], leg["feature"], leg["length_km"]) for leg in route["legs"]] == [
        ("rail", "middle_corridor/mangyshlak-aktau", 17.0),
        ("transfer", None, 0.0),
        ("rail", "middle_corridor/mangyshlak-kuryk", 74.3)]
    assert route["legs"][2]["by_accuracy_km"] == {"join": 0.2, "waypoints": 74.1}
    assert route["transfers"] == [{"kind": "reversal", "place": "Маңғыстау", "length_km": 0.0}]
    assert route["length_km"] == 91.4


def test_the_geojson_has_one_feature_per_leg_of_each_route(aktau_kars) -> None:
    latin, _, collection = aktau_kars
    features = collection["features"]
    assert len(features) == sum(len(route["legs"]) for route in latin["routes"])
    assert {f["properties"]["segment"] for f in features} >= {"rail", "sea", "transfer", "gap"}
    first = [f for f in features if f["properties"]["route"] == 0]
    assert [f["properties"]["mode"] for f in first] == [
        leg["mode"] for leg in latin["routes"][0]["legs"]]


def test_dostyk_to_kars_runs_the_whole_middle_corridor(capsys) -> None:
    code, out, err = run_cli(["route", "Dostyk", "Kars", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    features = [leg["feature"] for leg in route["legs"]]
    for feature in ("middle_corridor/china-aktogay", "middle_corridor/zhezkazgan-mangyshlak",
                    "middle_corridor/aktau-alat", "middle_corridor/btk"):
        assert feature in features
    assert [t["kind"] for t in route["transfers"]] == ["port", "port", "gauge"]
    assert set(route["by_country_km"]) >= {"KAZ", "AZE", "GEO", "TUR"}


def test_the_rail_from_dostyk_reaches_kuryk_port_on_the_mangyshlak_kuryk_leg(capsys) -> None:
    code, out, err = run_cli(["route", "Dostyk", "Kuryk", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert [leg["mode"] for leg in route["legs"]] == ["rail"] * 5
    # the Mangyshlak line ends 0.4 km north of the station node, where the Aktau line starts;
    # the Kuryk line leaves from the station node: the route runs the 0.4 km between them
    assert [leg["feature"] for leg in route["legs"]][-3:] == [
        "middle_corridor/zhezkazgan-mangyshlak", "middle_corridor/mangyshlak-aktau",
        "middle_corridor/mangyshlak-kuryk"]
    assert route["legs"][-2]["length_km"] == 0.4
    # and the 178 m join from the station node to the Kuryk line's drawn start (3,078.4 km
    # before it was counted)
    assert route["length_km"] == 3078.6
    last = route["legs"][-1]
    assert last["to"] == "Port of Kuryk (ferry complex)"
    # the catalog leg's own length, and the join
    assert last["by_accuracy_km"] == {"join": 0.2, "waypoints": 74.1}
    assert route["transfers"] == [] and route["gaps"] == []


def test_from_kuryk_port_the_route_sails_without_a_transfer_at_the_start(capsys) -> None:
    code, out, err = run_cli(["route", "Kuryk", "Kars", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert [leg["mode"] for leg in route["legs"]][:2] == ["sea", "transfer"]
    assert [t["place"] for t in route["transfers"]] == [
        "Baku International Sea Trade Port (Alat)", "Akhalkalaki gauge-change yard"]


def test_a_place_off_the_track_says_how_far_it_was_snapped(capsys) -> None:
    # Anaklia (the Black Sea cable's landing) has no railway: the route starts at the nearest
    # track, and stderr says so, as the sea and rail modes do, with the distance the JSON gives.
    from pyproj import Geod

    code, out, err = run_cli(["route", "Anaklia", "Alat", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    start = [float(value) for value in route["legs"][0]["from"].split(",")]
    _, _, snap_m = Geod(ellps="WGS84").inv(41.5692, 42.3936, *start)
    assert route["start_snap_km"] == pytest.approx(snap_m / 1000, abs=0.01)
    assert 20 < route["start_snap_km"] < 30 and route["end_snap_km"] < 0.0005
    assert f"route 1: Anaklia snapped {route['start_snap_km']:,.3f} km to the corridor" in err
    assert "Baku International Sea Trade Port (Alat) snapped" not in err


def test_operating_only_keeps_to_track_that_runs_today(capsys) -> None:
    code, out, err = run_cli(["route", "Aktau", "Kars", "--mode", "corridor", "--status",
                              "operating", "--alternatives", "2", "--format", "json"], capsys)
    assert code == 0, err
    routes = json.loads(out)["routes"]
    assert all(set(route["by_status_km"]) <= {"operating"} for route in routes)


def test_avoiding_georgia_takes_the_zangezur_route(capsys) -> None:
    code, out, err = run_cli(["route", "Aktau", "Kars", "--mode", "corridor", "--avoid", "GEO",
                              "--format", "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert "GEO" not in route["by_country_km"]
    assert "zangezur_corridor/nakhchivan" in [leg["feature"] for leg in route["legs"]]


def test_the_table_names_legs_transfers_and_the_comparison(capsys) -> None:
    code, out, _ = run_cli(["route", "Aktau", "Kars", "--mode", "corridor", "--alternatives",
                            "2"], capsys)
    assert code == 0
    assert "route 1 of 2" in out and "route 2 of 2" in out
    assert "transfer (gauge)" in out and "1520/1435" in out
    assert "against route 1:" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["Qwertyuiopville", "Kars"], "FROM 'Qwertyuiopville' is neither lon,lat"),
        (["Atlantis", "Kars"], "FROM Atlantis (ZA) 18.48335,-33.56668 lies 8,502.0 km from"),
        (["Aktau", "Kars", "--avoid", "XX"], "--avoid 'XX' is neither a country"),
        (["Aktau", "Kars", "--alternatives", "0"], "--alternatives must be 1 or more"),
        (["Aktau", "Kars", "--bbox", "1,2,3,4"], "--bbox goes with --mode rail"),
        (["Aktau", "10.0,10.0"], "TO 10.00000,10.00000 lies"),
        (["Aktau", "Kars", "--status", "operating", "--via", "Nakhchivan"],
         "no corridor route from"),
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(capsys, argv, message) -> None:
    code, out, err = run_cli(["route", *argv, "--mode", "corridor"], capsys)
    assert code == 2
    assert message in err
    assert "Traceback" not in err and out == ""


def _overlay_collections(html: str) -> list[dict]:
    import re

    return [json.loads(text) for text in re.findall(
        r'<script type="application/json" id="overlay_\d+_data">(.*?)</script>', html, re.S)]


def test_map_route_draws_the_corridor_route_with_legs_styled_by_mode(tmp_path, capsys) -> None:
    from caspian.maps.styles import ROUTE_LEG_STYLES

    target = tmp_path / "route.html"
    code, _, err = run_cli(["map", "middle_corridor", "--route", "Aktau", "Kars", "-o",
                            str(target)], capsys)
    assert code == 0, err
    assert "→ Kars, 1,205.4 km" in err
    (route,) = [c for c in _overlay_collections(target.read_text(encoding="utf-8"))
                if c["features"][0]["id"].startswith("user:corridor-route.geojson/")]
    colours = [f["properties"]["style"]["color"] for f in route["features"]]
    assert colours == [ROUTE_LEG_STYLES[mode]["color"]
                       for mode in ("sea", "transfer", "rail", "transfer", "rail")]
    assert route["features"][0]["geometry"]["coordinates"][0] == pytest.approx([51.222, 43.6026])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--route", "Nowhereville", "Kars"], "FROM 'Nowhereville' is neither"),
        (["--route", "Alat", "Alat"], "Sea Trade Port (Alat) are the same point"),
        (["--route", "60,50", "Kars"], "lies 242.5 km from the corridor network"),
        (["--route", "Aktau", "Kars", "--max-snap-km", "-3"], "must be a positive number"),
        (["--max-snap-km", "3"], "--max-snap-km applies to --route only"),
    ],
)
def test_bad_map_route_input_is_one_line_and_writes_nothing(tmp_path, capsys, args,
                                                            message) -> None:
    target = tmp_path / "route.html"
    code, _, err = run_cli(["map", *args, "-o", str(target)], capsys)
    errors = [line for line in err.splitlines() if "error" in line]
    assert code == 2 and len(errors) == 1 and message in errors[0], err
    assert not target.exists() and list(tmp_path.iterdir()) == []


def test_beyneu_to_mangyshlak_starts_at_the_junction_station(capsys) -> None:
    # Beyneu station lies on the network (the junction feature), so a route from it starts at
    # the station node, not 2.3 km away on the direct connection; from the station to the
    # Mangyshlak line's end it measures the 402.8 km the second OpenStreetMap-derived copy
    # gives (tests/data/beyneu_main_lines.json), 0.4 km more along the Aktau line to the
    # Mangyshlak station node, and the 178 m join from there to the station's OpenStreetMap
    # node (4034464670, where the Kuryk line is drawn to start): 403.4 km, against the
    # published 404 km (xalqqazeti.az). Before the join was counted the route ended at the
    # network's node, 178 m from the place it named (403.2 km).
    code, out, err = run_cli(["route", "Beyneu", "Маңғыстау", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert route["start_snap_km"] == 0 and route["end_snap_km"] == 0
    assert [(leg["feature"], *leg["by_accuracy_km"]) for leg in route["legs"]] == [
        ("middle_corridor/beyneu-junction", "waypoints"),
        ("middle_corridor/zhezkazgan-mangyshlak", "traced"),
        ("middle_corridor/mangyshlak-aktau", "traced"),
        ("middle_corridor/mangyshlak-kuryk", "join")]
    assert route["legs"][1]["length_km"] + route["legs"][0]["length_km"] == pytest.approx(
        402.8, abs=0.05)
    assert route["legs"][3]["by_accuracy_km"] == {"join": 0.2}
    assert route["length_km"] == pytest.approx(403.4, abs=0.05)
    assert abs(route["length_km"] - 404) / 404 < 0.005
    assert "snapped" not in err


def test_a_call_at_beyneu_reverses_in_the_station(capsys) -> None:
    # Through trains keep the direct connection; --via Beyneu runs into the station and out
    # along the other line: the two sides of the junction triangle instead of its third.
    code, out, err = run_cli(["route", "Dostyk", "Aktau", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (direct,) = json.loads(out)["routes"]
    code, out, err = run_cli(["route", "Dostyk", "Aktau", "--via", "Beyneu", "--mode",
                              "corridor", "--format", "json"], capsys)
    assert code == 0, err
    (calling,) = json.loads(out)["routes"]
    assert "middle_corridor/beyneu-junction" not in {leg["feature"] for leg in direct["legs"]}
    (junction,) = [leg for leg in calling["legs"]
                   if leg["feature"] == "middle_corridor/beyneu-junction"]
    # 5.15 km through the station against 0.97 km of the direct connection (lengths are
    # printed to 0.1 km)
    assert junction["length_km"] == 5.1
    assert calling["length_km"] - direct["length_km"] == pytest.approx(5.15 - 0.97, abs=0.1)


def test_poti_to_batumi_reverses_at_samtredia(capsys) -> None:
    # Both ports' lines join the line from Tbilisi at Samtredia on one side: before reversals
    # in stations the route ran 2,178.8 km round the Caucasus (Tbilisi, BTK, Horadiz,
    # Nakhchivan, Kars, Akhalkalaki, Tbilisi again) to turn the train.
    code, out, err = run_cli(["route", "Poti", "Batumi", "--mode", "corridor", "--format",
                              "json"], capsys)
    assert code == 0, err
    (route,) = json.loads(out)["routes"]
    assert [(leg["mode"], leg["length_km"]) for leg in route["legs"]] == [
        ("rail", 67.1), ("transfer", 0.0), ("rail", 100.9)]
    assert route["transfers"] == [
        {"kind": "reversal", "place": "Samtredia-1 station", "length_km": 0.0}]
    assert route["by_mode_km"] == {"rail": 168.0} and route["length_km"] == 168.0
