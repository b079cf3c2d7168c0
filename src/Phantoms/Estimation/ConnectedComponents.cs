namespace MedVid.Phantoms.Estimation;

/// <summary>4-connected components of a binary mask, by flood fill with an explicit stack.</summary>
internal static class ConnectedComponents
{
    public readonly record struct Component(int Area, double CentreX, double CentreY);

    public static List<Component> Find(bool[] mask, int width, int height)
    {
        var seen = new bool[mask.Length];
        var components = new List<Component>();
        var stack = new Stack<int>();
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || seen[start])
                continue;
            int area = 0;
            double sumX = 0, sumY = 0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                var (x, y) = (i % width, i / width);
                area++;
                sumX += x;
                sumY += y;
                if (x > 0) Visit(i - 1);
                if (x < width - 1) Visit(i + 1);
                if (y > 0) Visit(i - width);
                if (y < height - 1) Visit(i + width);
            }
            components.Add(new Component(area, sumX / area, sumY / area));
        }
        return components;

        void Visit(int i)
        {
            if (mask[i] && !seen[i])
            {
                seen[i] = true;
                stack.Push(i);
            }
        }
    }
}
