using MedVid.Grains.Teams;

namespace MedVid.Grains.UnitTests.Teams;

public sealed class TeamStateTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static TeamState Created(int quota = 2)
    {
        var team = new TeamState();
        team.Create("  Cardiology  ", quota, Alice, "alice", TestClock.Now);
        return team;
    }

    [Fact]
    public void Create_makes_the_creator_the_only_admin()
    {
        var team = Created();
        Assert.True(team.Created);
        Assert.Equal("Cardiology", team.Name);
        Assert.Equal(2, team.GpuQuota);
        var member = Assert.Single(team.Members);
        Assert.Equal((Alice, TeamRole.Admin), (member.UserId, member.Role));
        Assert.Equal(TeamRole.Admin, team.RoleOf(Alice));
        Assert.Null(team.RoleOf(Bob));
    }

    [Fact]
    public void Create_twice_is_an_illegal_transition()
    {
        var team = Created();
        var e = Assert.Throws<IllegalTransitionException>(() => team.Create("Other", 1, Bob, "bob", TestClock.Now));
        Assert.Equal("Team 'Cardiology' already exists.", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Create_refuses_an_empty_name(string? name)
    {
        var e = Assert.Throws<InvalidGrainArgumentException>(() => new TeamState().Create(name!, 1, Alice, "alice", TestClock.Now));
        Assert.Equal("A team name must have 1 to 100 characters.", e.Message);
    }

    [Fact]
    public void Create_refuses_a_name_over_100_characters_and_accepts_100()
    {
        Assert.Throws<InvalidGrainArgumentException>(() => new TeamState().Create(new string('x', 101), 1, Alice, "alice", TestClock.Now));
        new TeamState().Create(new string('x', 100), 1, Alice, "alice", TestClock.Now);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(TeamState.MaxGpuQuota + 1)]
    public void Quota_out_of_range_is_refused(int quota)
    {
        var e = Assert.Throws<InvalidGrainArgumentException>(() => new TeamState().Create("T", quota, Alice, "alice", TestClock.Now));
        Assert.Equal("A GPU quota must be between 0 and 1024.", e.Message);
        Assert.Throws<InvalidGrainArgumentException>(() => Created().SetGpuQuota(quota, null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(TeamState.MaxGpuQuota)]
    public void Quota_bounds_are_accepted(int quota)
    {
        var team = Created();
        team.SetGpuQuota(quota, null);
        Assert.Equal(quota, team.GpuQuota);
    }

    [Fact]
    public void The_minimum_runtime_is_kept_when_omitted_and_refused_out_of_range()
    {
        var team = Created();
        Assert.Null(team.MinimumRuntimeMinutes);
        team.SetGpuQuota(2, 0);
        team.SetGpuQuota(3, null);
        Assert.Equal((3, 0), (team.GpuQuota, team.MinimumRuntimeMinutes));
        var e = Assert.Throws<InvalidGrainArgumentException>(() => team.SetGpuQuota(4, TeamState.MaxMinimumRuntimeMinutes + 1));
        Assert.Equal("A minimum runtime must be between 0 and 1440 minutes.", e.Message);
        Assert.Equal((3, 0), (team.GpuQuota, team.MinimumRuntimeMinutes));
    }

    [Fact]
    public void Changes_to_a_team_that_does_not_exist_are_not_found()
    {
        var team = new TeamState();
        Assert.Equal("The team does not exist.", Assert.Throws<EntityNotFoundException>(() => team.SetMember(Bob, "bob", TeamRole.Rater, TestClock.Now)).Message);
        Assert.Throws<EntityNotFoundException>(() => team.RemoveMember(Bob));
        Assert.Throws<EntityNotFoundException>(() => team.SetGpuQuota(1, null));
        Assert.Throws<EntityNotFoundException>(team.RequireCreated);
    }

    [Fact]
    public void SetMember_adds_then_changes_the_role()
    {
        var team = Created();
        team.SetMember(Bob, "bob", TeamRole.Rater, TestClock.Now);
        Assert.Equal(TeamRole.Rater, team.RoleOf(Bob));
        team.SetMember(Bob, "bob", TeamRole.Researcher, TestClock.Now);
        Assert.Equal(TeamRole.Researcher, team.RoleOf(Bob));
        Assert.Equal(2, team.Members.Count);
    }

    [Fact]
    public void SetMember_refuses_an_unknown_role()
    {
        var e = Assert.Throws<InvalidGrainArgumentException>(() => Created().SetMember(Bob, "bob", (TeamRole)7, TestClock.Now));
        Assert.Equal("Unknown role '7'.", e.Message);
    }

    [Fact]
    public void The_last_admin_cannot_be_demoted()
    {
        var team = Created();
        var e = Assert.Throws<IllegalTransitionException>(() => team.SetMember(Alice, "alice", TeamRole.Researcher, TestClock.Now));
        Assert.Equal("A team must keep at least one admin.", e.Message);
        Assert.Equal(TeamRole.Admin, team.RoleOf(Alice));
    }

    [Fact]
    public void The_last_admin_cannot_leave()
    {
        var team = Created();
        team.SetMember(Bob, "bob", TeamRole.Researcher, TestClock.Now);
        var e = Assert.Throws<IllegalTransitionException>(() => team.RemoveMember(Alice));
        Assert.Equal("A team must keep at least one admin.", e.Message);
        Assert.Equal(2, team.Members.Count);
    }

    [Fact]
    public void An_admin_may_leave_or_be_demoted_when_another_admin_remains()
    {
        var team = Created();
        team.SetMember(Bob, "bob", TeamRole.Admin, TestClock.Now);
        team.SetMember(Alice, "alice", TeamRole.Rater, TestClock.Now);
        Assert.Equal(TeamRole.Rater, team.RoleOf(Alice));
        team.RemoveMember(Alice);
        Assert.Null(team.RoleOf(Alice));
        Assert.Throws<IllegalTransitionException>(() => team.RemoveMember(Bob));
    }

    [Fact]
    public void Removing_a_non_member_is_not_found()
    {
        var e = Assert.Throws<EntityNotFoundException>(() => Created().RemoveMember(Bob));
        Assert.Equal($"User {Bob} is not a member of team 'Cardiology'.", e.Message);
    }

    [Fact]
    public void Index_entries_name_every_member()
    {
        var team = Created();
        team.SetMember(Bob, "bob", TeamRole.Rater, TestClock.Now);
        Assert.Equal([new GrainIndexEntry("member", Alice.ToString()), new GrainIndexEntry("member", Bob.ToString())], team.IndexEntries());
        Assert.Empty(new TeamState().IndexEntries());
    }
}
