namespace MedVid.Phantoms.Rendering;

/// <summary>
/// Moves the cells of a <see cref="MicroscopyPhantom"/> frame by frame: slow drift plus jitter,
/// pushed apart when they come close (so counts stay countable), reflected at the borders, and
/// dividing on a schedule.
/// </summary>
internal sealed class CellCulture
{
    private readonly PhantomRandom _random;
    private readonly int _width;
    private readonly int _height;
    private readonly double _radius;
    private readonly int _frames;
    private readonly double _fps;
    private readonly List<Cell> _cells = [];
    private int _frame;

    public CellCulture(PhantomRandom random, int width, int height, double radius, int count, int divisions, int frames, double fps)
    {
        (_random, _width, _height, _radius, _frames, _fps) = (random, width, height, radius, frames, fps);
        var spacing = 4.6 * radius;
        for (var i = 0; i < count; i++)
        {
            var (x, y) = FreeSpot(ref spacing);
            // Velocities in pixels per second: about half a cell radius per second.
            var cell = new Cell(x, y, random.Range(-0.6, 0.6) * radius, random.Range(-0.6, 0.6) * radius, random.Range(0, Math.PI));
            if (i < divisions)
            {
                // Divide somewhere in the first half; each division takes a quarter of the clip.
                cell.DivisionStart = (int)(frames * random.Range(0.1, 0.5));
                cell.DivisionLength = Math.Max(2, frames / 4);
            }
            _cells.Add(cell);
        }
    }

    /// <summary>Advances to frame <paramref name="frame"/> (called in order) and returns what to draw.</summary>
    public List<CellBody> Step(int frame)
    {
        _frame = frame;
        if (frame > 0)
            Move();
        foreach (var cell in _cells.Where(c => Progress(c) >= 1).ToList())
            Split(cell);

        var bodies = new List<CellBody>();
        foreach (var cell in _cells)
        {
            var progress = Progress(cell);
            if (progress >= 0)
            {
                // Mitosis: the cell elongates along its axis and pinches into two daughters.
                var (ox, oy) = DaughterOffset(cell, progress);
                var daughter = _radius * (1 - 0.22 * progress);
                bodies.Add(new CellBody(cell.X + ox, cell.Y + oy, daughter, daughter, cell.Angle));
                bodies.Add(new CellBody(cell.X - ox, cell.Y - oy, daughter, daughter, cell.Angle));
            }
            else
            {
                var size = cell.Daughter ? _radius * 0.78 : _radius;
                bodies.Add(new CellBody(cell.X, cell.Y, size, size * 0.9, cell.Angle));
            }
        }
        return bodies;
    }

    /// <summary>0..1 through a division in progress; negative when the cell is not dividing now.</summary>
    private double Progress(Cell cell) =>
        cell.DivisionStart is { } start && _frame >= start ? (_frame - start) / (double)cell.DivisionLength : -1;

    private (double X, double Y) DaughterOffset(Cell cell, double progress) =>
        (Math.Cos(cell.Angle) * _radius * 1.5 * progress, Math.Sin(cell.Angle) * _radius * 1.5 * progress);

    private void Split(Cell cell)
    {
        _cells.Remove(cell);
        var (ox, oy) = DaughterOffset(cell, 1);
        // Daughters separate along the division axis.
        _cells.Add(new Cell(cell.X + ox, cell.Y + oy, cell.Vx + ox * 0.05, cell.Vy + oy * 0.05, cell.Angle) { Daughter = true });
        _cells.Add(new Cell(cell.X - ox, cell.Y - oy, cell.Vx - ox * 0.05, cell.Vy - oy * 0.05, cell.Angle + Math.PI / 2) { Daughter = true });
    }

    private void Move()
    {
        var dt = 1 / _fps;
        var jitter = 0.25 * _radius * Math.Sqrt(dt);
        foreach (var cell in _cells)
        {
            cell.X += cell.Vx * dt + _random.Gaussian() * jitter;
            cell.Y += cell.Vy * dt + _random.Gaussian() * jitter;
        }
        // Keep cells apart: real cells do not overlap, and touching blobs could not be counted.
        // A dividing cell is held still (its daughters need the room) and needs more space.
        for (var i = 0; i < _cells.Count; i++)
        {
            for (var j = i + 1; j < _cells.Count; j++)
            {
                var (a, b) = (_cells[i], _cells[j]);
                var (aDividing, bDividing) = (Progress(a) >= 0, Progress(b) >= 0);
                if (aDividing && bDividing)
                    continue;
                var minimum = (aDividing || bDividing ? 4.8 : 3.6) * _radius;
                var dx = b.X - a.X;
                var dy = b.Y - a.Y;
                var d = Math.Max(Math.Sqrt(dx * dx + dy * dy), 1e-6);
                if (d >= minimum)
                    continue;
                var push = (minimum - d) / d;
                var (shareA, shareB) = aDividing ? (0.0, 1.0) : bDividing ? (1.0, 0.0) : (0.5, 0.5);
                (a.X, a.Y) = (a.X - dx * push * shareA, a.Y - dy * push * shareA);
                (b.X, b.Y) = (b.X + dx * push * shareB, b.Y + dy * push * shareB);
            }
        }
        foreach (var cell in _cells)
        {
            // Dividing cells need room for their daughters inside the field as well.
            var margin = (Progress(cell) >= 0 ? 3.4 : 1.9) * _radius;
            (cell.X, cell.Vx) = Reflect(cell.X, cell.Vx, margin, _width - margin);
            (cell.Y, cell.Vy) = Reflect(cell.Y, cell.Vy, margin, _height - margin);
        }
    }

    private static (double Position, double Velocity) Reflect(double position, double velocity, double low, double high)
    {
        if (low >= high)
            return ((low + high) / 2, velocity);
        if (position < low)
            return (low + (low - position), Math.Abs(velocity));
        if (position > high)
            return (high - (position - high), -Math.Abs(velocity));
        return (position, velocity);
    }

    /// <summary>Random placement with a minimum spacing, relaxed gradually if the field is crowded.</summary>
    private (double X, double Y) FreeSpot(ref double spacing)
    {
        var margin = 2.2 * _radius;
        for (var attempt = 0; ; attempt++)
        {
            var x = _random.Range(margin, _width - margin);
            var y = _random.Range(margin, _height - margin);
            var s = spacing;
            if (_cells.All(c => (c.X - x) * (c.X - x) + (c.Y - y) * (c.Y - y) >= s * s))
                return (x, y);
            if (attempt % 200 == 199)
                spacing *= 0.93;
        }
    }

    private sealed class Cell(double x, double y, double vx, double vy, double angle)
    {
        public double X { get; set; } = x;
        public double Y { get; set; } = y;
        public double Vx { get; set; } = vx;
        public double Vy { get; set; } = vy;
        public double Angle { get; } = angle;
        public bool Daughter { get; init; }
        public int? DivisionStart { get; set; }
        public int DivisionLength { get; set; }
    }
}

/// <summary>One cell as drawn: a dark body (phase-dark cytoplasm, darker nucleus) inside a bright halo.</summary>
internal readonly record struct CellBody(double X, double Y, double RadiusA, double RadiusB, double Angle)
{
    public double Contribution(double px, double py)
    {
        var dx = px - X;
        var dy = py - Y;
        if (Math.Abs(dx) > RadiusA * 1.6 || Math.Abs(dy) > RadiusA * 1.6)
            return 0;
        var (c, s) = (Math.Cos(Angle), Math.Sin(Angle));
        var u = (dx * c + dy * s) / RadiusA;
        var v = (-dx * s + dy * c) / RadiusB;
        var d = Math.Sqrt(u * u + v * v);
        if (d < 0.45)
            return -95;  // nucleus
        if (d < 1)
            return -70;  // cytoplasm
        if (d < 1.35)
            return 55 * (1.35 - d) / 0.35;  // phase-contrast halo fading outward
        return 0;
    }
}
