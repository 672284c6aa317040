//! The kinds of organisation a leader may lead, and which of them are in the voluntary and
//! community sector.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationType {
    RegisteredCharity,
    CharitableIncorporatedOrganisation,
    CharitableCompany,
    CommunityInterestCompany,
    CommunityOrVoluntaryGroup,
    SocialEnterprise,
    PublicBody,
    PrivateCompany,
}

impl OrganisationType {
    /// In the order a form lists them: the sector's own forms first.
    pub const ALL: [OrganisationType; 8] = [
        OrganisationType::RegisteredCharity,
        OrganisationType::CharitableIncorporatedOrganisation,
        OrganisationType::CharitableCompany,
        OrganisationType::CommunityInterestCompany,
        OrganisationType::CommunityOrVoluntaryGroup,
        OrganisationType::SocialEnterprise,
        OrganisationType::PublicBody,
        OrganisationType::PrivateCompany,
    ];

    /// The value used in forms, URLs and the database.
    pub const fn slug(self) -> &'static str {
        match self {
            OrganisationType::RegisteredCharity => "registered-charity",
            OrganisationType::CharitableIncorporatedOrganisation => {
                "charitable-incorporated-organisation"
            }
            OrganisationType::CharitableCompany => "charitable-company",
            OrganisationType::CommunityInterestCompany => "community-interest-company",
            OrganisationType::CommunityOrVoluntaryGroup => "community-or-voluntary-group",
            OrganisationType::SocialEnterprise => "social-enterprise",
            OrganisationType::PublicBody => "public-body",
            OrganisationType::PrivateCompany => "private-company",
        }
    }

    pub fn from_slug(slug: &str) -> Option<OrganisationType> {
        OrganisationType::ALL.into_iter().find(|t| t.slug() == slug)
    }

    pub const fn label(self) -> &'static str {
        match self {
            OrganisationType::RegisteredCharity => "Registered charity",
            OrganisationType::CharitableIncorporatedOrganisation => {
                "Charitable incorporated organisation (CIO)"
            }
            OrganisationType::CharitableCompany => "Charitable company",
            OrganisationType::CommunityInterestCompany => "Community interest company (CIC)",
            OrganisationType::CommunityOrVoluntaryGroup => "Community or voluntary group",
            OrganisationType::SocialEnterprise => "Social enterprise",
            OrganisationType::PublicBody => "Public body",
            OrganisationType::PrivateCompany => "Private company",
        }
    }

    /// The label as it reads mid-sentence ("a registered charity").
    pub const fn name_in_a_sentence(self) -> &'static str {
        match self {
            OrganisationType::RegisteredCharity => "registered charity",
            OrganisationType::CharitableIncorporatedOrganisation => {
                "charitable incorporated organisation (CIO)"
            }
            OrganisationType::CharitableCompany => "charitable company",
            OrganisationType::CommunityInterestCompany => "community interest company (CIC)",
            OrganisationType::CommunityOrVoluntaryGroup => "community or voluntary group",
            OrganisationType::SocialEnterprise => "social enterprise",
            OrganisationType::PublicBody => "public body",
            OrganisationType::PrivateCompany => "private company",
        }
    }

    /// A short example shown under the label, for the types people most often mix up.
    pub const fn hint(self) -> Option<&'static str> {
        match self {
            OrganisationType::CharitableCompany => {
                Some("A company limited by guarantee with charitable aims")
            }
            OrganisationType::CommunityOrVoluntaryGroup => Some(
                "Including unregistered groups, such as a peer-support group or residents' association",
            ),
            OrganisationType::PublicBody => {
                Some("For example an NHS trust, a local authority or a school")
            }
            OrganisationType::PrivateCompany => Some("A company run for its owners' profit"),
            _ => None,
        }
    }

    /// Whether this is a voluntary and community sector organisation, which Cascade serves.
    pub const fn is_voluntary_and_community_sector(self) -> bool {
        !matches!(
            self,
            OrganisationType::PublicBody | OrganisationType::PrivateCompany
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip_and_are_unique() {
        for t in OrganisationType::ALL {
            assert_eq!(OrganisationType::from_slug(t.slug()), Some(t));
        }
        let mut slugs: Vec<_> = OrganisationType::ALL.iter().map(|t| t.slug()).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), OrganisationType::ALL.len());
        assert_eq!(OrganisationType::from_slug("charity"), None);
        assert_eq!(OrganisationType::from_slug(""), None);
    }

    #[test]
    fn only_public_bodies_and_private_companies_are_outside_the_sector() {
        use OrganisationType::*;
        for t in [
            RegisteredCharity,
            CharitableIncorporatedOrganisation,
            CharitableCompany,
            CommunityInterestCompany,
            CommunityOrVoluntaryGroup,
            SocialEnterprise,
        ] {
            assert!(t.is_voluntary_and_community_sector(), "{t:?}");
        }
        assert!(!PublicBody.is_voluntary_and_community_sector());
        assert!(!PrivateCompany.is_voluntary_and_community_sector());
    }
}
