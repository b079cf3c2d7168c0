namespace MedVid.Grains.Teams;

/// <summary>Roles in a team, in increasing order of rights: a researcher can do all a rater can, an admin all a researcher can.</summary>
public enum TeamRole
{
    Rater = 1,
    Researcher = 2,
    Admin = 3,
}
