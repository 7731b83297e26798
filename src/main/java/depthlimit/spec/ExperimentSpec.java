package depthlimit.spec;

import depthlimit.InputError;
import depthlimit.data.DataSource;
import depthlimit.data.Dataset;
import depthlimit.data.FileData;
import depthlimit.data.GaussianData;
import depthlimit.data.SphereData;
import depthlimit.data.TeacherData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.FractionalBrownian;
import depthlimit.init.FromFiles;
import depthlimit.init.GaussianProcess;
import depthlimit.init.Iid;
import depthlimit.init.InitScheme;
import depthlimit.init.WeightTied;
import depthlimit.io.Json;
import depthlimit.model.Activation;
import depthlimit.model.Activations;
import depthlimit.model.Architecture;
import depthlimit.model.Convention;
import depthlimit.model.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An experiment as a JSON spec: {@code model} (eq. (3)'s sizes, activation, convention, which of A, B train),
 * {@code data} (a generator with n and seed, or X/Y files), {@code init} (a scheme with its parameters and seed,
 * or A/V/W/B files), {@code train} (the flow and its integrator) and {@code output}. Paths are relative to the
 * spec file.
 * Every mistake is an {@link InputError} naming the field.
 */
public record ExperimentSpec(Architecture architecture, DataSource data, InitScheme init, TrainSpec train,
                             Output output, String description, Map<String, Object> raw, Path baseDir) {

    /**
     * The {@code output} section: full parameter snapshots at every sample time, and the progress line
     * ({@code null} = only when stderr is a terminal).
     */
    public record Output(boolean snapshots, Boolean progress) {
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("snapshots", snapshots);
            m.put("progress", progress == null ? "auto" : progress);
            return m;
        }
    }

    /** Resolves activation names; the symbolic layer widens it to Symja expressions in x. */
    private static volatile Function<String, Activation> activationResolver = ExperimentSpec::builtInActivation;

    public static void setActivationResolver(Function<String, Activation> resolver) {
        activationResolver = resolver;
    }

    private static Activation builtInActivation(String name) {
        return Activations.builtIn(name).orElseThrow(() ->
                new InputError("model.activation", "unknown activation \"" + name + "\" (built-in: " + Activations.builtInNames() + ")"));
    }

    public static ExperimentSpec load(Path file) {
        String text;
        Section.regularFile("--spec", file);
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputError("--spec", "cannot read " + file + ": " + e.getMessage());
        }
        Object json;
        try {
            json = Json.parse(text);
        } catch (Json.ParseException e) {
            throw new InputError("--spec", file + ": " + e.getMessage());
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(json, dir);
    }

    public static ExperimentSpec parse(Object json, Path baseDir) {
        Section top = Section.of("", json, baseDir).allowOnly("description", "model", "data", "init", "train", "output");
        String description = top.string("description", "");
        Architecture arch = parseModel(top.section("model"));
        DataSource data = parseData(top.section("data"), arch);
        InitScheme init = parseInit(top.section("init"), arch);
        TrainSpec train = top.has("train") ? TrainSection.parse(top.section("train")) : null;
        Output output = new Output(false, null);
        if (top.has("output")) {
            Section o = top.section("output").allowOnly("snapshots", "progress");
            Boolean progress = null; // "auto" (the default): only on a terminal
            if (o.has("progress") && !"auto".equals(o.raw("progress"))) progress = o.bool("progress", false);
            else o.markRead("progress");
            output = new Output(o.bool("snapshots", false), progress);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) json;
        return new ExperimentSpec(arch, data, init, train, output, description, raw, baseDir);
    }

    static Architecture parseModel(Section s) {
        s.allowOnly("convention", "activation", "depth", "width", "hidden", "input", "output", "trainA", "trainB");
        String convName = s.choice("convention", List.of("paper", "authors-code"));
        Convention conv = Convention.fromSpecName(convName);
        Activation act = activationResolver.apply(s.string("activation"));
        int depth = s.positiveInt("depth"), width = s.positiveInt("width"), hidden = s.positiveInt("hidden");
        int input = s.positiveInt("input"), output = s.positiveInt("output");
        if (hidden < Math.max(input, output))
            throw new InputError(s.field("hidden"), "expected hidden ≥ max(input, output) = " + Math.max(input, output)
                    + " (the paper's q ≥ max(d, d′)), got " + hidden);
        boolean trainA = s.bool("trainA", conv.trainsEmbeddingsByDefault());
        boolean trainB = s.bool("trainB", conv.trainsEmbeddingsByDefault());
        // every parameter block counts (q·d and d′·q too: input = hidden = 10^6 is 10^12 parameters in A alone)
        long blocks = (long) depth * width * hidden * 2, embed = (long) hidden * input + (long) output * hidden;
        if (blocks + embed > 200_000_000L)
            throw new InputError(s.field(blocks >= embed ? "depth" : (input >= output ? "input" : "output")),
                    "the model has depth·width·hidden·2 + hidden·(input + output) = " + (blocks + embed)
                            + " parameters, beyond this tool's limit of 2·10^8");
        return new Architecture(input, hidden, width, output, depth, act, conv, trainA, trainB);
    }

    static DataSource parseData(Section s, Architecture arch) {
        if (!s.has("generator") && (s.has("x") || s.has("y"))) {
            s.allowOnly("x", "y");
            return new FileData(s.file("x"), s.file("y"));
        }
        String gen = s.choice("generator", List.of("gaussian", "sphere", "teacher", "file"));
        switch (gen) {
            case "gaussian":
                s.allowOnly("generator", "n", "seed", "labelScale");
                return new GaussianData(s.positiveInt("n"), s.seed("seed"), s.nonNegative("labelScale", 1.0));
            case "sphere":
                s.allowOnly("generator", "n", "seed", "labelScale");
                return new SphereData(s.positiveInt("n"), s.seed("seed"), s.nonNegative("labelScale", 1.0));
            case "teacher": {
                s.allowOnly("generator", "n", "seed", "labelScale", "depth", "width", "lengthScale", "noise");
                double ls = s.positive("lengthScale", 0.5);
                if (ls < GaussianProcess.MIN_LENGTH_SCALE)
                    throw new InputError(s.field("lengthScale"), "expected ≥ " + GaussianProcess.MIN_LENGTH_SCALE + ", got " + ls);
                return new TeacherData(s.positiveInt("n"), s.seed("seed"), s.nonNegative("labelScale", 1.0),
                        s.positiveInt("depth", 8), s.positiveInt("width", arch.m()), ls, s.nonNegative("noise", 0.0),
                        arch.activation(), arch.convention());
            }
            default:
                s.allowOnly("generator", "x", "y");
                return new FileData(s.file("x"), s.file("y"));
        }
    }

    static InitScheme parseInit(Section s, Architecture arch) {
        String scheme = s.choice("scheme", List.of("weight-tied", "gp", "fbm", "iid", "file"));
        switch (scheme) {
            case "weight-tied":
                s.allowOnly("scheme", "seed");
                return new WeightTied(s.seed("seed"));
            case "gp": {
                s.allowOnly("scheme", "seed", "lengthScale", "vScale", "wScale");
                long seed = s.seed("seed");
                double ls = s.positive("lengthScale");
                if (ls < GaussianProcess.MIN_LENGTH_SCALE)
                    throw new InputError(s.field("lengthScale"), "expected ≥ " + GaussianProcess.MIN_LENGTH_SCALE
                            + " (shorter length-scales need more quadrature nodes than this tool uses), got " + ls);
                return new GaussianProcess(seed, ls, s.nonNegative("vScale", 1.0), s.nonNegative("wScale", 1.0));
            }
            case "fbm": {
                s.allowOnly("scheme", "seed", "hurst", "vScale", "wScale");
                long seed = s.seed("seed");
                double h = s.inRange("hurst", 0, true, 1, false);
                if (arch.L() > FractionalBrownian.MAX_DEPTH)
                    throw new InputError("model.depth", "init \"fbm\" supports depth ≤ " + FractionalBrownian.MAX_DEPTH + ", got " + arch.L());
                return new FractionalBrownian(seed, h, s.nonNegative("vScale", 1.0), s.nonNegative("wScale", 1.0));
            }
            case "iid":
                s.allowOnly("scheme", "seed", "vScale", "wScale");
                return new Iid(s.seed("seed"), s.nonNegative("vScale", 1.0), s.nonNegative("wScale", 1.0));
            default:
                s.allowOnly("scheme", "A", "V", "W", "B");
                return new FromFiles(s.file("A"), s.file("V"), s.file("W"), s.file("B"));
        }
    }

    public Dataset createData() {
        Dataset ds = data.create(architecture.d(), architecture.dOut(), architecture.q());
        for (double v : ds.x()) if (!Double.isFinite(v)) throw new InputError("data", "X contains NaN or Inf");
        for (double v : ds.y()) if (!Double.isFinite(v)) throw new InputError("data", "Y contains NaN or Inf");
        return ds;
    }

    public Parameters createParameters() {
        return init.create(architecture);
    }

    /** The model section with defaults filled in. */
    public static Map<String, Object> describeModel(Architecture a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("convention", a.convention().specName());
        m.put("activation", a.activation().name());
        m.put("depth", a.L());
        m.put("width", a.m());
        m.put("hidden", a.q());
        m.put("input", a.d());
        m.put("output", a.dOut());
        m.put("trainA", a.trainA());
        m.put("trainB", a.trainB());
        return m;
    }

    /** The whole spec as resolved (defaults filled in); {@code train}/{@code output} are added by their owners. */
    public Map<String, Object> resolved() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!description.isEmpty()) m.put("description", description);
        m.put("model", describeModel(architecture));
        m.put("data", data.describe());
        m.put("init", init.describe());
        if (train != null) m.put("train", train.describe());
        m.put("output", output.describe());
        return m;
    }
}
